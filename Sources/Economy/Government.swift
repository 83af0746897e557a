import Config

/// Rules of the government (`Agents/government.yaml`): it buys goods, collects taxes, pays coupons on
/// its bonds, and finances the deficit by auctioning new bonds that clear at the market price.
public struct GovernmentRules: Sendable, Equatable {
    public static let type = "government"

    public var bond: String
    public var initialCash: Double
    public var spending: Double
    public var cashBuffer: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        bond = r.text("bond", "name of the bond asset the government issues (a market asset of kind bond)")
        initialCash = r.number("initial_cash", "the government's cash at step 0", unit: "$bn", .money)
        r.scope = .dynamic
        spending = r.number("spending", "spending on goods per step: revenue of the real economy",
                            unit: "$bn/step", .money)
        cashBuffer = r.number("cash_buffer", "cash the government keeps; below it, it auctions new bonds for the gap",
                              unit: "$bn", .money)
    }
}

/// The government's balance sheet: cash, and the bonds it owes (units outstanding of its bond).
public struct Government: Sendable {
    /// Its cash, and its bond as negative units: the units outstanding it owes.
    public var book: Book
    /// The index of its bond.
    public let bond: Int
    public var cash: Double { book.cash }
    /// Units of its bond outstanding: its liability.
    public var bondsOutstanding: Double { -book.units[bond] }

    public init(cash: Double, bondsOutstanding: Double, assets: Int, bond: Int) {
        var units = Array(repeating: 0.0, count: assets)
        units[bond] = -bondsOutstanding
        book = Book(cash: cash, units: units)
        self.bond = bond
    }

    /// Units to auction this step: enough, at the last price, to restore the cash buffer.
    public func auctionSize(price: Double, rules: GovernmentRules) -> Double {
        max(rules.cashBuffer - cash, 0) / price
    }
}

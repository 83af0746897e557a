import Config
import Foundation

/// Rules of the dealer banks (`Agents/dealer.yaml`): market making within a balance sheet, haircuts
/// set from recent volatility, and margin lending to hedge funds.
public struct DealerRules: Sendable, Equatable {
    public static let type = "dealer"

    public var count: Int
    public var capital: Double
    public var depth: Double
    public var inventoryAversion: Double
    public var haircutFloor: Double
    public var haircutCap: Double
    public var haircutVolatilityMultiple: Double
    public var volatilityWindow: Int
    public var lendingShare: Double
    public var fundingBuffer: Double
    public var marginSpread: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of dealer banks", unit: "dealers", .closed(1, 100))
        capital = r.number("capital", "each dealer's starting cash (its inventory is the supply other sectors do not hold)",
                           unit: "$bn", .positiveMoney)
        r.scope = .dynamic
        depth = r.number("depth", "units bought per log point the price falls, as a fraction of the starting inventory",
                         unit: "fraction per log point", .closed(0, 100))
        inventoryAversion = r.number("inventory_aversion", "fraction of the gap to the starting inventory the dealer closes per step",
                                     unit: "fraction per step", .unitInterval)
        haircutFloor = r.number("haircut_floor", "smallest haircut on any collateral",
                                unit: "fraction of collateral value", .closed(0.001, 1))
        haircutCap = r.number("haircut_cap", "largest haircut (1 = no lending against the asset)",
                              unit: "fraction of collateral value", .closed(0.001, 1))
        r.require(haircutCap >= haircutFloor, at: "haircut_cap",
                  "expected haircut_cap >= haircut_floor (\(Bound.format(haircutFloor))), found \(Bound.format(haircutCap))")
        haircutVolatilityMultiple = r.number("haircut_volatility_multiple",
                                             "haircut per unit of daily volatility (value-at-risk style: e.g. 2.33 x sqrt(10) for a 99% 10-day VaR)",
                                             unit: "multiple of daily sd", .closed(0, 100))
        volatilityWindow = r.integer("volatility_window", "past steps whose returns set the volatility estimate",
                                     unit: "steps", .closed(2, 500))
        lendingShare = r.number("lending_share", "fraction of its cash a dealer will lend to its hedge-fund clients",
                                unit: "fraction", .unitInterval)
        fundingBuffer = r.number("funding_buffer", "cash a dealer keeps at the end of a day; below it, it borrows the gap overnight in repo",
                                 unit: "$bn", .money)
        marginSpread = r.number("margin_spread", "interest on margin loans over the repo rate",
                                unit: "fraction per year", .closed(0, 1))
    }

    /// The haircut on an asset whose recent daily log returns have standard deviation `volatility`:
    /// `clamp(multiple * volatility, floor, cap)`. Procyclical by construction: volatile markets get
    /// less credit.
    public func haircut(volatility: Double) -> Double {
        min(max(haircutVolatilityMultiple * volatility, haircutFloor), max(haircutCap, haircutFloor))
    }
}

/// A dealer bank: buys when the price falls below its reference and leans back toward its
/// starting inventory, never beyond its cash or its inventory; lends margin to its clients.
public struct Dealer: Sendable {
    /// Cash, inventory, margin loans outstanding to hedge funds and, as the exchange's funders, to
    /// retail traders (a positive `marginLoan` claim), and overnight repo borrowing, rolled each day in
    /// the funding market (a negative `repo` claim).
    public var book: Book
    public var targetUnits: [Double]
    public var cash: Double { book.cash }
    public var units: [Double] { book.units }
    public var marginLoans: Double { book[.marginLoan] }
    public var repoBorrowed: Double { -book[.repo] }

    public init(cash: Double, units: [Double], targetUnits: [Double], marginLoans: Double = 0) {
        book = Book(cash: cash, units: units, claims: [.marginLoan: marginLoans])
        self.targetUnits = targetUnits
    }

    /// Total repo borrowing wanted at the end of the day: the `matchedBook` it lends on to clients
    /// in repo, plus enough to bring the rest of its cash up to the buffer (none when that cash is
    /// above it). Inelastic: a dealer funds its book at any rate in the corridor.
    public func repoDemand(matchedBook: Double = 0, rules: DealerRules) -> Double {
        matchedBook + max(rules.fundingBuffer - (cash - repoBorrowed + matchedBook), 0)
    }

    public func demand(asset a: Int, reference: Double, rules: DealerRules) -> (Double) -> Double {
        let held = units[a], target = targetUnits[a], cash = max(cash, 0)
        return { p in
            let wanted = rules.depth * target * log(reference / p) - rules.inventoryAversion * (held - target)
            return min(max(wanted, -held), cash / p)
        }
    }
}

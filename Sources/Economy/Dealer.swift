import Config
import Foundation

/// Rules of the dealer banks (`Agents/dealer.yaml`): market making within a balance sheet, haircuts
/// set from recent volatility, and margin lending to hedge funds.
public struct DealerRules: Sendable, Equatable {
    public static let type = "dealer"

    public var count: Int
    public var capital: Double
    public var depth: Double
    public var primaryDepth: Double
    public var inventoryAversion: Double
    public var haircutFloor: Double
    public var haircutCap: Double
    public var haircutVolatilityMultiple: Double
    public var volatilityWindow: Int
    public var lendingShare: Double
    public var fundingBuffer: Double
    public var marginSpread: Double
    public var auctionShare: Double
    public var auctionConcession: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of dealer banks", unit: "dealers", .closed(1, 100))
        capital = r.number("capital", "each dealer's equity at step 0: its starting cash, net of the inventory it "
                           + "finances (the supply other sectors do not hold)", unit: "$bn", .positiveMoney)
        r.scope = .dynamic
        depth = r.number("depth", "units bought per log point the price falls, as a fraction of the asset's step-0 supply",
                         unit: "fraction per log point", .closed(0, 100))
        primaryDepth = r.number("primary_depth", "the same in the government's bond, whose market primary dealers make",
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
        auctionShare = r.number("auction_share", "fraction of each government bond auction the dealers together must bid for",
                                unit: "fraction", .unitInterval)
        auctionConcession = r.number("auction_concession", "how far below the morning's price their bid for it is full "
                                     + "(none at the morning's price, rising linearly)", unit: "log points",
                                     .closed(1e-6, 1))
    }

    /// The haircut on an asset whose recent daily log returns have standard deviation `volatility`:
    /// `clamp(multiple * volatility, floor, cap)`. Procyclical by construction: volatile markets get
    /// less credit.
    public func haircut(volatility: Double) -> Double {
        min(max(haircutVolatilityMultiple * volatility, haircutFloor), max(haircutCap, haircutFloor))
    }
}

/// A dealer bank: buys when the price falls below its reference and leans back toward its starting
/// inventory, bids for its share of the government's auctions, and lends margin to its clients. Its
/// inventory is financed in repo against the inventory itself: repo lends all but the haircut, which
/// the dealer's own capital must carry, so every position ties up `haircut x value` of its equity and
/// the sum cannot exceed it (Brunnermeier and Pedersen 2009). When volatility raises haircuts, its
/// capacity to hold inventory shrinks; a dealer beyond it sells down to it.
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

    /// Assets less liabilities at `prices`.
    public func equity(_ prices: [Double]) -> Double {
        zip(units, prices).reduce(cash + marginLoans - repoBorrowed) { $0 + $1.0 * $1.1 }
    }

    /// The capital its inventory ties up: each position's haircut times its value.
    public func capitalUsed(_ prices: [Double], haircuts: [Double]) -> Double {
        units.indices.reduce(0) { $0 + haircuts[$1] * abs(units[$1]) * prices[$1] }
    }

    /// Its order in market `a` at price `p`: `depthUnits` per log point below `reference`, less
    /// `inventory_aversion` of its gap to its target inventory, plus its `auction` bid (units it must
    /// bid for, full at `auction_concession` below the reference); never more than it holds or its capital
    /// carries. Its markets clear at once, so each gets its `budget` share of the capital its equity at the
    /// morning's `prices` leaves free, financed at the haircut `haircuts[a]`; a dealer beyond its capital
    /// sells every position down in proportion, to what its equity carries. Intraday it pays from an
    /// overdraft that the night's repo refinances (dealers may be overdrawn).
    public func demand(asset a: Int, reference: Double, depthUnits: Double, prices: [Double], haircuts: [Double],
                       budget: Double, auction: Double = 0, rules: DealerRules) -> Demand {
        let held = units[a], equity = equity(prices), used = capitalUsed(prices, haircuts: haircuts)
        let withinCapital = used <= equity
        return Demand(reference: reference, depthUnits: depthUnits, auction: auction,
                      concession: rules.auctionConcession,
                      inventoryPull: rules.inventoryAversion * (held - targetUnits[a]), held: held,
                      withinCapital: withinCapital,
                      freeCapital: withinCapital ? (equity - used) * budget : 0, haircut: max(haircuts[a], 1e-9),
                      sellDown: withinCapital ? 0 : held * (max(equity, 0) / used - 1))
    }

    /// A dealer's order in one market at the price tried (`demand(asset:...)`), as numbers fixed for the
    /// round (those that do not move with the price computed once).
    public struct Demand: Sendable {
        let reference: Double, depthUnits: Double, auction: Double, concession: Double
        /// `inventory_aversion` times its gap to its target inventory, and the units it holds.
        let inventoryPull: Double, held: Double
        /// Whether its inventory is within its capital; if so, this market's share of the free capital,
        /// otherwise the units it sells down to what its equity carries.
        let withinCapital: Bool, freeCapital: Double, haircut: Double, sellDown: Double

        @inline(__always)
        public func callAsFunction(_ p: Double) -> Double {
            let below = log(reference / p)
            let bid = auction * min(max(below / concession, 0), 1)
            let wanted = depthUnits * below - inventoryPull + bid
            let capacity = withinCapital ? freeCapital / (haircut * p) : sellDown
            return max(min(wanted, capacity), -held)
        }
    }

    /// Further value of asset `a` it could finance at haircut `haircuts[a]` ($bn, at `prices`).
    public func capacity(asset a: Int, prices: [Double], haircuts: [Double]) -> Double {
        max(equity(prices) - capitalUsed(prices, haircuts: haircuts), 0) / max(haircuts[a], 1e-9)
    }
}

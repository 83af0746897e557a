import Config

/// A hedge fund's strategy: the signal its target exposure to each of its assets follows.
public enum Strategy: String, CaseIterable, Sendable {
    /// Long equities priced below the fund's value belief: signal log(V / p).
    case value
    /// Trend-following in crypto: signal the log price change over `lookback` steps.
    case crypto
    /// Treasury basis (relative value): long the bond, financed in repo; signal the bond's yield
    /// over the repo rate, less a hurdle.
    case basis
    /// Macro duration: long bonds when their yield is above the policy rate the central bank's
    /// rule would set at a meeting now, less a hurdle.
    case macro
}

/// The rules of the funds that follow one strategy.
public struct StrategyRules: Sendable, Equatable {
    public let strategy: Strategy
    public var count: Int
    public var assets: [String]
    public var baseExposure: Double
    public var aggressiveness: Double
    public var maxLeverage: Double
    /// Momentum lookback (crypto only).
    public var lookback = 20
    /// Required yield pick-up (basis and macro only).
    public var hurdle = 0.0
    /// Interest over the repo rate on what the fund borrows (basis only; others pay the dealers'
    /// margin spread).
    public var financingSpread: Double?

    init(_ strategy: Strategy, _ r: inout RuleReader, unit: String) {
        self.strategy = strategy
        r.scope = .setUp
        self.count = r.integer("count", "number of funds following the strategy", unit: "funds", .closed(0, 10_000))
        self.assets = r.texts("assets", "the market assets the strategy trades")
        r.scope = .dynamic
        self.baseExposure = r.number("base_exposure", "exposure (position value over equity) held when the signal is zero",
                                     unit: "multiple of equity", .closed(0, 100))
        self.aggressiveness = r.number("aggressiveness", "exposure (position value over equity) taken per unit of the signal",
                                       unit: unit, .closed(0, 1e4))
        self.maxLeverage = r.number("max_leverage", "cap on the fund's positions over its equity, spread equally over its assets; the haircut h caps each at 1/h too",
                                    unit: "multiple of equity", .closed(0, 100))
        switch strategy {
        case .value: break
        case .crypto:
            lookback = r.integer("lookback", "steps over which the trend (log price change) is measured", unit: "steps", .closed(1, 500))
        case .basis:
            hurdle = r.number("hurdle", "yield over the repo rate below which the fund holds none", unit: "fraction per year", .closed(-1, 1))
            financingSpread = r.number("financing_spread", "interest over the repo rate on the fund's borrowing (its broker refinances it in repo)",
                                       unit: "fraction per year", .closed(0, 1))
        case .macro:
            hurdle = r.number("hurdle", "yield over the expected policy rate below which the fund holds none", unit: "fraction per year", .closed(-1, 1))
        }
    }

    /// Exposure to one of its assets: `base_exposure + aggressiveness x signal`, between 0 and the
    /// per-asset cap.
    public func exposure(signal: Double, haircut: Double) -> Double {
        Self.exposure(signal: signal, base: baseExposure, aggressiveness: aggressiveness,
                      cap: exposureCap(haircut: haircut))
    }

    /// The rule itself, given its numbers (what a fund's demand curve holds for the round).
    @inline(__always)
    static func exposure(signal: Double, base: Double, aggressiveness: Double, cap: Double) -> Double {
        min(max(base + aggressiveness * signal, 0), cap)
    }

    /// The most a fund may hold of one asset, as a multiple of equity: its leverage cap (and the
    /// haircut's 1/h) shared equally among its assets.
    public func exposureCap(haircut: Double) -> Double {
        min(maxLeverage, 1 / max(haircut, 1e-9)) / Double(max(assets.count, 1))
    }
}

/// How hedge funds' investors behave: the sovereign funds hold stakes at NAV, review performance on
/// dealing days and redeem with a notice lag.
public struct InvestorRules: Sendable, Equatable {
    public var sovereignStake: Double
    public var noticeSteps: Int
    public var reviewInterval: Int
    public var performanceWindow: Int
    public var flowSensitivity: Double
    public var payoutRate: Double

    init(_ r: inout RuleReader) {
        r.scope = .setUp
        sovereignStake = r.number("sovereign_stake", "fraction of each fund's shares the sovereign funds hold at step 0 (split equally); the rest is outside capital that never moves",
                                  unit: "fraction", .unitInterval)
        r.scope = .dynamic
        noticeSteps = r.integer("notice_steps", "steps between a redemption notice and its payment at the then NAV", unit: "steps", .closed(0, 1000))
        reviewInterval = r.integer("review_interval", "steps between investors' reviews of performance (dealing days)", unit: "steps", .closed(1, 1000))
        r.scope = .setUp
        performanceWindow = r.integer("performance_window", "steps of NAV return investors judge a fund by", unit: "steps", .closed(1, 1000))
        r.scope = .dynamic
        flowSensitivity = r.number("flow_sensitivity", "fraction of its stake an investor redeems per unit of negative return over the window (and adds per unit of positive return, from cash it would reinvest)",
                                   unit: "fraction per unit return", .closed(0, 100))
        payoutRate = r.number("payout_rate", "fraction of a fund's profit (equity above what its investors put in and "
                              + "have not taken out) returned to its "
                              + "shareholders per step, by buying back the same fraction of each one's shares at NAV",
                              unit: "fraction per step", .unitInterval)
    }
}

/// Rules of the hedge-fund sector (`Agents/hedge_fund.yaml`): funds following four strategies,
/// levered with loans from a dealer (their prime broker) up to what the dealer's haircut allows, owned
/// in part by sovereign funds whose flows follow performance.
public struct HedgeFundRules: Sendable, Equatable {
    public static let type = "hedge_fund"

    public var capital: DistributionSpec
    public var beliefDispersion: Double
    /// One entry per strategy, in `Strategy.allCases` order.
    public var strategies: [StrategyRules]
    public var investors: InvestorRules

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        capital = r.distribution("capital", "each fund's starting equity (cash plus holdings at the initial price)",
                                 unit: "$bn", .positiveMoney)
        beliefDispersion = r.number("belief_dispersion", "sd of the log of each value fund's belief around the anchor",
                                    unit: "log points", .closed(0, 5))
        strategies = [
            r.section("value", "long risk assets (crypto, credit, equities) below the fund's value belief: signal log(V/p)") {
                StrategyRules(.value, &$0, unit: "equity multiple per log point")
            },
            r.section("crypto", "trend-following crypto: signal the log price change over `lookback` steps") {
                StrategyRules(.crypto, &$0, unit: "equity multiple per log point of trend")
            },
            r.section("basis", "Treasury basis: the bond, hedged with futures and financed in repo; signal its yield over the repo rate less a hurdle") {
                StrategyRules(.basis, &$0, unit: "equity multiple per unit of annual carry")
            },
            r.section("macro", "duration: signal each bond's yield over the policy rate the central bank's rule would set now, less a hurdle") {
                StrategyRules(.macro, &$0, unit: "equity multiple per unit of annual yield gap")
            },
        ]
        investors = r.section("investors", "who owns the funds' shares and how their flows follow performance") { InvestorRules(&$0) }
    }

    /// The rules of `strategy`.
    public subscript(strategy: Strategy) -> StrategyRules {
        strategies[Strategy.allCases.firstIndex(of: strategy)!]
    }
}

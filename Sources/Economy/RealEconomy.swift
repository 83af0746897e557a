import Config
import Foundation

/// How one equity's dividends are earned (`equities.<name>` in `Agents/real_economy.yaml`).
public struct EquityEarnings: Sendable, Equatable {
    public let asset: String
    /// Annual dividend as a fraction of the value at the initial price, paid whatever happens.
    public var dividendYield: Double
    /// Share of hyperscalers' capex paid out as this equity's dividends (memory makers sell into the boom).
    public var capexShare: Double

    init(asset: String, _ r: inout RuleReader) {
        self.asset = asset
        dividendYield = r.number("dividend_yield", "annual dividend as a fraction of the equity's value at its initial price",
                                 unit: "fraction per year", .closed(0, 1))
        capexShare = r.number("capex_share", "share of hyperscalers' capex paid out as this equity's dividends",
                              unit: "fraction", .unitInterval)
    }
}

/// Rules of the real economy (`Agents/real_economy.yaml`), one aggregate firm-and-worker sector. It
/// is paid by the government, households' consumption and hyperscalers' capex; it pays wages to
/// households, taxes to the government, dividends on the equities it issues, and cloud services to
/// hyperscalers; it keeps transactions balances that grow with its nominal revenue.
public struct RealEconomyRules: Sendable, Equatable {
    public static let type = "real_economy"

    public var initialCash: Double
    public var capacity: Double
    public var wageShare: Double
    public var taxRate: Double
    public var cloudShare: Double
    public var cashDays: Double
    public var excessPayout: Double
    public var potentialGrowth: Double
    public var expectedInflation: Double
    public var phillipsSlope: Double
    public var equities: [EquityEarnings]

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        initialCash = r.number("initial_cash", "the sector's transactions balances at step 0", unit: "$bn", .money)
        capacity = r.number("capacity", "real output the sector can supply per step at step-0 prices; also its revenue at step 0",
                            unit: "$bn/step", .positiveMoney)
        r.scope = .dynamic
        wageShare = r.number("wage_share", "share of the last step's revenue paid as wages, in equal shares to households",
                             unit: "fraction", .unitInterval)
        taxRate = r.number("tax_rate", "share of the last step's revenue paid to the government as taxes",
                           unit: "fraction", .unitInterval)
        cloudShare = r.number("cloud_share", "share of the last step's revenue paid to hyperscalers for cloud services",
                              unit: "fraction", .unitInterval)
        cashDays = r.number("cash_days", "transactions balances kept, in steps of revenue",
                            unit: "steps", .closed(0, 1000))
        excessPayout = r.number("excess_payout", "fraction of cash above the transactions balances paid out as extra wages per step",
                                unit: "fraction per step", .unitInterval)
        potentialGrowth = r.number("potential_growth", "growth of capacity: real output at step 0's revenue and price level",
                                   unit: "log points per year", .closed(-1, 1))
        expectedInflation = r.number("expected_inflation", "inflation when demand meets capacity (anchored expectations)",
                                     unit: "fraction per year", .closed(-0.5, 1))
        phillipsSlope = r.number("phillips_slope", "inflation added per unit of output gap (demand over capacity, less one)",
                                 unit: "per unit of gap", .closed(0, 100))
        equities = r.namedSections("equities", "how each equity asset's dividends are earned (every asset of kind equity needs one)") {
            EquityEarnings(asset: $0, &$1)
        }
    }
}

/// The real economy's balance sheet and the revenue it earned in the step now ending.
public struct RealEconomy: Sendable {
    /// Its cash (it holds no asset).
    public var book: Book
    public var cash: Double { book.cash }
    /// Revenue received this step (government, consumption, capex), paid out from the next step.
    public var revenue = 0.0
    /// Hyperscalers' capex received this step (memory dividends follow it).
    public var capex = 0.0
    /// The price of goods (1 at step 0) and capacity: the real output it can supply per step.
    public var priceLevel = 1.0
    public var capacity: Double

    /// Starts as if it had earned its capacity last step, demand meeting supply.
    public init(cash: Double, assets: Int, rules: RealEconomyRules) {
        book = Book(cash: cash, units: Array(repeating: 0, count: assets))
        revenue = rules.capacity
        capacity = rules.capacity
    }

    /// Demand over capacity, less one: the step's revenue in goods at today's price level against what
    /// the sector can supply.
    public var outputGap: Double { capacity > 0 ? revenue / (priceLevel * capacity) - 1 : 0 }

    /// At the end of a step prices move by the step's inflation, `expected_inflation + phillips_slope x
    /// gap` a year (a Phillips curve), and capacity grows at `potential_growth`.
    public mutating func adjustPrices(rules: RealEconomyRules, stepsPerYear: Double) {
        priceLevel *= exp((rules.expectedInflation + rules.phillipsSlope * outputGap) / stepsPerYear)
        capacity *= exp(rules.potentialGrowth / stepsPerYear)
    }

    /// What the sector owes from last step's revenue at the start of a step.
    public struct Payouts: Sendable, Equatable {
        public var wages: Double
        public var taxes: Double
        public var cloud: Double
        /// Per equity, in the order of `RealEconomyRules.equities`: dividends in total.
        public var dividends: [Double]
        public var total: Double { wages + taxes + cloud + dividends.reduce(0, +) }
    }

    /// Payouts scaled to the cash available; `excess_payout` of the cash left above the
    /// transactions balances the sector wants (`cash_days` x revenue) is paid as extra wages.
    /// `dividends` are those due per equity, in the order of `rules.equities`.
    public func payouts(dividends: [Double], rules: RealEconomyRules) -> Payouts {
        var due = Payouts(wages: rules.wageShare * revenue, taxes: rules.taxRate * revenue, cloud: rules.cloudShare * revenue,
                          dividends: dividends)
        let scale = due.total > cash ? cash / due.total : 1
        due = Payouts(wages: due.wages * scale, taxes: due.taxes * scale, cloud: due.cloud * scale,
                      dividends: due.dividends.map { $0 * scale })
        due.wages += rules.excessPayout * max(cash - due.total - rules.cashDays * revenue, 0)
        return due
    }
}

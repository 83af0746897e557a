import Config
import Foundation

/// Rules of the household sector (`Agents/household.yaml`): one aggregate that is paid wages and
/// buybacks, consumes out of income and wealth (Godley and Lavoie), and holds its saving as a
/// portfolio (Tobin): bank deposits (its cash), money-fund shares, and the crypto trading accounts of
/// the retail traders (their cash and coins). Its target weights start at its step-0 allocation and
/// move with the money-fund yield and crypto's recent return; it closes part of the gap each step.
public struct HouseholdRules: Sendable, Equatable {
    public static let type = "household"

    public var liquidWealth: Double
    public var otherWealth: Double
    public var incomePropensity: Double
    public var wealthPropensity: Double
    public var rateSensitivity: Double
    public var cryptoMomentum: Double
    public var cryptoRateSensitivity: Double
    public var momentumWindow: Int
    public var adjustmentRate: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        liquidWealth = r.number("liquid_wealth", "deposits and money-fund shares at step 0: deposits are what the money funds' "
                                + "assets leave (more money-fund cash moves wealth out of deposits, it adds none)", unit: "$bn", .money)
        r.scope = .dynamic
        otherWealth = r.number("other_wealth", "net worth not modelled (houses, equities, pensions less debts), held constant",
                               unit: "$bn", .money)
        incomePropensity = r.number("income_propensity", "fraction of the step's income (wages, buybacks) spent on goods",
                                    unit: "fraction", .unitInterval)
        wealthPropensity = r.number("wealth_propensity", "fraction of net worth (modelled and other) spent on goods per step",
                                    unit: "fraction per step", .unitInterval)
        rateSensitivity = r.number("rate_sensitivity", "money-fund share of liquid wealth gained per unit rise of the overnight rate above step 0",
                                   unit: "share per yield point (1 = 100%)", .closed(0, 1000))
        cryptoMomentum = r.number("crypto_momentum", "log change of the crypto weight per log point of crypto's return over the window (extrapolation)",
                                  unit: "multiple", .closed(0, 100))
        cryptoRateSensitivity = r.number("crypto_rate_sensitivity", "log fall of the crypto weight per unit rise of the overnight rate above step 0",
                                         unit: "per yield point (1 = 100%)", .closed(0, 10000))
        momentumWindow = r.integer("momentum_window", "steps over which crypto's return is measured", unit: "steps", .closed(1, 1000))
        adjustmentRate = r.number("adjustment_rate", "fraction of the gap to its target portfolio closed per step",
                                  unit: "fraction per step", .unitInterval)
    }
}

/// The household sector's balance sheet and its step-0 portfolio (the weights its rule starts from).
public struct Household: Sendable {
    /// Deposits (cash) and money-fund shares (a positive `moneyFundShare` claim). The crypto
    /// accounts it funds are the retail traders' columns.
    public var book: Book
    public var deposits: Double { book.cash }
    public var moneyFundShares: Double { book[.moneyFundShare] }
    /// Money-fund shares over liquid wealth (deposits and shares) at step 0.
    public var initialMoneyFundWeight = 0.0
    /// Crypto accounts' equity over net financial wealth at step 0.
    public var initialCryptoWeight = 0.0
    /// The overnight rate at step 0.
    public var initialRate = 0.0

    public init(assets: Int) { book = Book(units: Array(repeating: 0, count: assets)) }

    /// Net financial wealth in the modelled assets when the crypto accounts are worth `accounts` (their equity).
    public func wealth(accounts: Double) -> Double { deposits + moneyFundShares + accounts }

    /// What it spends on goods this step, paid `income`: `income_propensity` of it plus
    /// `wealth_propensity` of wealth, never more than its cash after the income.
    public func consumption(income: Double, accounts: Double, rules: HouseholdRules) -> Double {
        let worth = max(wealth(accounts: accounts), 0) + rules.otherWealth
        let wanted = rules.incomePropensity * income + rules.wealthPropensity * worth
        return min(wanted, max(deposits + income, 0))
    }

    /// The portfolio moves this step: money-fund shares bought (negative: redeemed) and cash sent to the
    /// crypto accounts (negative: withdrawn), when the overnight rate is `rate` and crypto returned
    /// `cryptoReturn` (log) over the window. Each closes `adjustment_rate` of its gap; purchases never
    /// spend more deposits than it has before the day's sales.
    public func rebalancing(accounts: Double, rate: Double, cryptoReturn: Double,
                            rules: HouseholdRules) -> (moneyFunds: Double, crypto: Double) {
        let wealth = max(self.wealth(accounts: accounts), 0)
        let drift = rules.cryptoMomentum * cryptoReturn - rules.cryptoRateSensitivity * (rate - initialRate)
        let cryptoWeight = min(initialCryptoWeight * exp(drift), 1)
        var crypto = rules.adjustmentRate * (cryptoWeight * wealth - accounts)
        let liquid = max(deposits + moneyFundShares, 0)
        let fundWeight = min(max(initialMoneyFundWeight + rules.rateSensitivity * (rate - initialRate), 0), 1)
        var funds = rules.adjustmentRate * (fundWeight * liquid - moneyFundShares)
        let buying = max(crypto, 0) + max(funds, 0), spendable = max(deposits, 0)
        if buying > spendable {
            if crypto > 0 { crypto *= spendable / buying }
            if funds > 0 { funds *= spendable / buying }
        }
        return (funds, crypto)
    }
}

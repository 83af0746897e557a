import Foundation
import Economy
import Simulation

/// The columns of `timeseries.csv`, one row per step. `<asset>` stands for each asset's name, in
/// the market file's order, `<bond>` for each asset of kind bond, `<strategy>` for each hedge-fund
/// strategy. `docs/OUTPUT.md` documents each; a test checks the two agree.
public enum TimeseriesColumns {
    /// One documented column pattern and how to read its values (one per asset, bond or strategy
    /// for `<asset>`, `<bond>` and `<strategy>` patterns, else one) from a step's record.
    public struct Column: Sendable {
        public let name: String
        public let meaning: String
        public let unit: String
        let read: Read
        /// Whether its values are whole numbers (steps, counts, flags), written without a fraction.
        public var whole: Bool { ["step", "rounds", "0 or 1", "funds", "orders"].contains(unit) }

        /// One value per step, or several (an `<asset>`, `<bond>` or `<strategy>` pattern's).
        enum Read {
            case scalar(@Sendable (StepRecord) -> Double)
            case values(@Sendable (StepRecord) -> [Double])
        }

        init(_ name: String, _ meaning: String, _ unit: String, _ values: @escaping @Sendable (StepRecord) -> [Double]) {
            (self.name, self.meaning, self.unit, read) = (name, meaning, unit, .values(values))
        }

        init(_ name: String, _ meaning: String, _ unit: String, scalar: @escaping @Sendable (StepRecord) -> Double) {
            (self.name, self.meaning, self.unit, read) = (name, meaning, unit, .scalar(scalar))
        }
    }

    /// The built-in columns, each documented in docs/OUTPUT.md.
    public static let builtIn: [Column] = [
        Column("step", "trading day, 1-based", "step", scalar: { Double($0.step) }),
        Column("price_<asset>", "clearing price at the end of the step", "$/unit", \.prices),
        Column("log_return_<asset>", "log change of the price over the step", "log points", \.logReturns),
        Column("yield_<bond>", "annual yield of each bond asset: coupon / price", "fraction per year", \.yields),
        Column("volume_<asset>", "units traded over all clearing rounds (sum of buys)", "bn units", \.volumes),
        Column("forced_volume_<asset>", "units sold by forced sellers (margin calls, liquidations) over all rounds", "bn units", \.forcedVolumes),
        Column("residual_<asset>", "largest excess demand left unmatched and rationed in any round (0 when every round cleared)", "bn units", \.residuals),
        Column("halted_<asset>", "1 when the market halted at its daily limit this step (market.assets.<asset>.daily_limit): the price is the limit, the longer side was rationed and the market stayed shut for the rest of the day; 0 otherwise", "0 or 1", { $0.halted.map(Double.init) }),
        Column("haircut_<asset>", "dealers' haircut: the fraction of collateral value they will not lend against", "fraction", \.haircuts),
        Column("hedge_fund_units_<asset>", "units held by all hedge funds", "bn units", \.hedgeFundUnits),
        Column("dealer_units_<asset>", "units held by all dealer banks", "bn units", \.dealerUnits),
        Column("retail_units_<asset>", "units held by all retail traders", "bn units", \.retailUnits),
        Column("clearing_rounds", "clearing rounds run in the step (more than 1 when forced sales cascaded)", "rounds", scalar: { Double($0.clearingRounds) }),
        Column("margin_calls", "hedge funds that had to sell to meet a margin call", "funds", scalar: { Double($0.marginCalls) }),
        Column("defaults", "hedge funds whose equity turned negative and whose broker seized their holdings", "funds", scalar: { Double($0.defaults) }),
        Column("margin_loans", "margin loans owed by hedge funds and retail traders to dealers at the end of the step", "$bn", scalar: \.marginLoans),
        Column("dealer_capacity_used", "margin loans over the dealers' lending capacity (lending share of their cash and loans)", "fraction", scalar: \.dealerCapacityUsed),
        Column("dealer_equity", "the dealers' equity at the step's prices: what carries their inventories' haircuts", "$bn", scalar: \.dealerEquity),
        Column("dealer_equity_min", "the lowest single dealer's equity: at or below 0 a dealer is insolvent, which the model does not resolve (no dealer defaults)", "$bn", scalar: \.dealerEquityMin),
        Column("dealer_capital_used", "capital the dealers' inventories tie up: each position's haircut times its value (beyond dealer_equity, they sell down)", "$bn", scalar: \.dealerCapitalUsed),
        Column("dealer_headroom_<asset>", "further value of the asset the dealers could finance at the step's haircut: their free capital over the haircut; shrinks as volatility raises haircuts", "$bn", \.dealerHeadroom),
        Column("liquidations", "retail liquidation orders filled (a position sold over two rounds counts twice)", "orders", scalar: { Double($0.liquidations) }),
        Column("liquidation_value", "value of retail positions sold in liquidations", "$bn", scalar: \.liquidationValue),
        Column("retail_trend_share", "share of retail traders following the trend at the end of the step", "fraction", scalar: \.trendShare),
        Column("retail_fundamental_share", "share of retail traders trading on fundamentals at the end of the step", "fraction", scalar: \.fundamentalShare),
        Column("policy_rate", "the central bank's policy rate", "fraction per year", scalar: \.policyRate),
        Column("repo_rate", "overnight repo rate cleared in the funding market at the end of the step", "fraction per year", scalar: \.repoRate),
        Column("reverse_repo_rate", "the corridor's floor: what the central bank pays on reverse repo", "fraction per year", scalar: \.reverseRepoRate),
        Column("standing_repo_rate", "the corridor's ceiling: what the central bank's standing repo charges", "fraction per year", scalar: \.standingRepoRate),
        Column("reverse_repo", "money funds' overnight deposits at the central bank", "$bn", scalar: \.reverseRepo),
        Column("repo_lending", "money funds' overnight repo loans to dealers", "$bn", scalar: \.repoLending),
        Column("standing_repo", "the central bank's standing-repo loans to dealers", "$bn", scalar: \.standingRepo),
        Column("central_bank_bonds", "units of the government's bond the central bank holds", "bn units", scalar: \.centralBankBonds),
        Column("dry_powder", "idle cash: money funds' cash and reverse-repo deposits, and sovereign funds' cash above their buffer", "$bn", scalar: \.dryPowder),
        Column("hyperscaler_cash_flow", "hyperscalers' operating cash flow this step: cloud services and compute sold", "$bn", scalar: \.hyperscalerCashFlow),
        Column("hyperscaler_leverage", "hyperscalers' bonds owed at face over a year of their smoothed operating cash flow", "years", scalar: \.hyperscalerLeverage),
        Column("goods_price_index", "the goods price level (1 at step 0), moved by demand against capacity", "index", scalar: \.priceLevel),
        Column("inflation", "annualised inflation of the goods price level over the central bank's window", "fraction per year", scalar: \.inflation),
        Column("output_gap", "the real economy's demand over capacity less one, averaged over the central bank's window", "fraction", scalar: \.outputGap),
        Column("household_deposits", "households' bank deposits at the end of the step", "$bn", scalar: \.householdDeposits),
        Column("money_fund_shares", "households' money-fund shares: the money funds' assets", "$bn", scalar: \.moneyFundShares),
        Column("crypto_accounts", "equity of the retail traders' crypto accounts (cash and coins less loans): households' crypto", "$bn", scalar: \.cryptoAccounts),
        Column("money_fund_flows", "money-fund shares households bought this step (negative: redeemed)", "$bn", scalar: \.moneyFundFlows),
        Column("crypto_account_flows", "cash households paid into the crypto accounts this step (negative: withdrew)", "$bn", scalar: \.cryptoAccountFlows),
        Column("money_fund_bonds", "units of the government's bond held by money funds", "bn units", scalar: \.moneyFundBonds),
        Column("credit_spread", "yield of the hyperscalers' bond minus yield of the government's bond", "fraction per year", scalar: \.creditSpread),
        Column("capex", "capex hyperscalers paid to the real economy this step", "$bn", scalar: \.capex),
        Column("hyperscaler_bonds_issued", "units of their bond hyperscalers sold this step", "bn units", scalar: \.hyperscalerBondsIssued),
        Column("hyperscaler_cash", "hyperscalers' cash at the end of the step", "$bn", scalar: \.hyperscalerCash),
        Column("nominal_spending", "the real economy's revenue this step (government, consumption, capex): demand, against capacity", "$bn", scalar: \.nominalSpending),
        Column("real_economy_cash", "the real economy's transactions balances at the end of the step", "$bn", scalar: \.realEconomyCash),
        Column("wages", "wages paid to households this step", "$bn", scalar: \.wages),
        Column("taxes", "taxes paid to the government this step", "$bn", scalar: \.taxes),
        Column("dividends", "dividends paid on all equities this step", "$bn", scalar: \.dividends),
        Column("buybacks", "cash hyperscalers returned to households this step", "$bn", scalar: \.buybacks),
        Column("consumption", "households' spending on goods this step", "$bn", scalar: \.consumption),
        Column("compute_spending", "AI labs' spending on compute from hyperscalers this step", "$bn", scalar: \.compute),
        Column("capital_calls", "capital AI labs called from sovereign funds this step", "$bn", scalar: \.capitalCalls),
        Column("capital_paid", "capital sovereign funds paid in to AI labs this step", "$bn", scalar: \.capitalPaid),
        Column("sovereign_cash", "sovereign funds' cash at the end of the step", "$bn", scalar: \.sovereignCash),
        Column("sovereign_owed", "capital called from sovereign funds and not yet paid", "$bn", scalar: \.sovereignOwed),
        Column("hedge_fund_equity_<strategy>", "equity (cash plus positions less loans) of all hedge funds following the strategy", "$bn", \.hedgeFundEquity),
        Column("sovereign_stakes", "value at NAV of the sovereign funds' hedge-fund shares", "$bn", scalar: \.sovereignStakes),
        Column("redemption_notices", "hedge-fund redemptions investors gave notice of this step, at NAV", "$bn", scalar: \.redemptionNotices),
        Column("redemptions_paid", "hedge-fund redemptions paid to investors this step, at NAV", "$bn", scalar: \.redemptionsPaid),
        Column("hedge_fund_distributions", "profits hedge funds returned to their shareholders this step (shares bought back at NAV)",
               "$bn", scalar: \.distributions),
        Column("subscriptions", "cash investors put into hedge funds this step, at NAV", "$bn", scalar: \.subscriptions),
        Column("futures_variation", "variation margin dealers paid basis funds on their short futures hedges this step (negative: received)", "$bn", scalar: \.futuresVariation),
        Column("sovereign_units_<asset>", "units held by all sovereign funds", "bn units", \.sovereignUnits),
        Column("government_cash", "the government's cash at the end of the step", "$bn", scalar: \.governmentCash),
        Column("bonds_outstanding", "units of the government's bond outstanding", "bn units", scalar: \.bondsOutstanding),
        Column("bonds_issued", "units of its bond the government sold at auction this step", "bn units", scalar: \.bondsIssued),
        Column("coupons", "coupons the government paid this step (the central bank's are remitted)", "$bn", scalar: \.coupons),
        Column("government_spending", "the government's spending on goods (the real economy's revenue) this step", "$bn", scalar: \.governmentSpending),
        Column("retail_buy_orders", "cash retail traders sent to buy this step", "$bn", scalar: \.retailBuyOrders),
        Column("retail_sell_orders", "units retail traders sent to sell this step", "bn units", scalar: \.retailSellOrders),
        Column("total_cash", "cash held by all agents (changes only by central-bank operations)", "$bn", scalar: \.totalCash),
        Column("accounting_error", "largest relative error of a stock-flow identity this step", "fraction", scalar: \.accountingError),
    ]

    /// Every column: the built-in ones, then each sector added as data's `<type>_<name>` columns
    /// (documented in its Swift file; `drypowder describe <type>` lists them).
    public static let columns: [Column] = builtIn + Sectors.columnDocs.enumerated().map { i, doc in
        Column(doc.name, doc.meaning, doc.unit, scalar: { $0.sectorValues[i] })
    }

    /// (column pattern, meaning, unit), as `docs/OUTPUT.md` lists them: the built-in columns.
    public static var documented: [(name: String, meaning: String, unit: String)] { builtIn.map { ($0.name, $0.meaning, $0.unit) } }

    /// The header for a market with these assets; `<bond>` columns repeat for bond assets only.
    public static func header(assets: [AssetSpec]) -> [String] {
        columns.flatMap { column in
            if column.name.contains("<asset>") {
                return assets.map { column.name.replacingOccurrences(of: "<asset>", with: $0.name) }
            }
            if column.name.contains("<strategy>") {
                return Strategy.allCases.map { column.name.replacingOccurrences(of: "<strategy>", with: $0.rawValue) }
            }
            if column.name.contains("<bond>") {
                return assets.filter { $0.kind == .bond }.map { column.name.replacingOccurrences(of: "<bond>", with: $0.name) }
            }
            return [column.name]
        }
    }

    /// For each column of `header(assets:)`: whether it holds whole numbers.
    public static func wholeNumbers(assets: [AssetSpec]) -> [Bool] {
        columns.flatMap { column in
            let count = column.name.contains("<asset>") ? assets.count
                : column.name.contains("<strategy>") ? Strategy.allCases.count
                : column.name.contains("<bond>") ? assets.filter { $0.kind == .bond }.count : 1
            return Array(repeating: column.whole, count: count)
        }
    }

    /// Writes the row of `record`, in `header` order, a number at a time (no array per column or row).
    public static func write(_ r: StepRecord, to writer: CSVWriter) throws {
        try writer.writeRow { row in
            for column in columns {
                switch column.read {
                case let .scalar(value): try row.number(value(r))
                case let .values(values): for x in values(r) { try row.number(x) }
                }
            }
        }
    }
}

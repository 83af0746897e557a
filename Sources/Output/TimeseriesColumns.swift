import Foundation
import Economy
import Simulation

/// The columns of `timeseries.csv`, one row per step. `<asset>` stands for each asset's name, in
/// the market file's order, `<bond>` for each asset of kind bond. `docs/OUTPUT.md` documents each; a
/// test checks the two agree.
public enum TimeseriesColumns {
    /// (column pattern, meaning, unit).
    public static let documented: [(name: String, meaning: String, unit: String)] = [
        ("step", "trading day, 1-based", "step"),
        ("price_<asset>", "clearing price at the end of the step", "$/unit"),
        ("log_return_<asset>", "log change of the price over the step", "log points"),
        ("yield_<bond>", "annual yield of each bond asset: coupon / price", "fraction per year"),
        ("volume_<asset>", "units traded over all clearing rounds (sum of buys)", "units"),
        ("forced_volume_<asset>", "units sold by forced sellers (margin calls, liquidations) over all rounds", "units"),
        ("residual_<asset>", "largest excess demand left unmatched and rationed in any round (0 when every round cleared)", "units"),
        ("haircut_<asset>", "dealers' haircut: the fraction of collateral value they will not lend against", "fraction"),
        ("hedge_fund_units_<asset>", "units held by all hedge funds", "units"),
        ("dealer_units_<asset>", "units held by all dealer banks", "units"),
        ("retail_units_<asset>", "units held by all retail traders", "units"),
        ("clearing_rounds", "clearing rounds run in the step (more than 1 when forced sales cascaded)", "rounds"),
        ("margin_calls", "hedge funds that had to sell to meet a margin call", "funds"),
        ("defaults", "hedge funds whose equity turned negative and whose broker seized their holdings", "funds"),
        ("margin_loans", "margin loans owed by hedge funds and retail traders to dealers at the end of the step", "$"),
        ("liquidations", "retail liquidation orders filled (a position sold over two rounds counts twice)", "orders"),
        ("liquidation_value", "value of retail positions sold in liquidations", "$"),
        ("retail_trend_share", "share of retail traders following the trend at the end of the step", "fraction"),
        ("retail_fundamental_share", "share of retail traders trading on fundamentals at the end of the step", "fraction"),
        ("dry_powder", "cash held by money funds: idle cash available for assets", "$"),
        ("money_fund_bonds", "units of the government's bond held by money funds", "units"),
        ("government_cash", "the government's cash at the end of the step", "$"),
        ("bonds_outstanding", "units of the government's bond outstanding", "units"),
        ("bonds_issued", "units of its bond the government sold at auction this step", "units"),
        ("coupons", "coupons the government paid this step", "$"),
        ("government_spending", "spending the government paid to households this step", "$"),
        ("retail_buy_orders", "cash retail traders sent to buy this step", "$"),
        ("retail_sell_orders", "units retail traders sent to sell this step", "units"),
        ("total_cash", "cash held by all agents", "$"),
        ("accounting_error", "largest relative error of a stock-flow identity this step", "fraction"),
    ]

    /// The header for a market with these assets; `<bond>` columns repeat for bond assets only.
    public static func header(assets: [AssetSpec]) -> [String] {
        documented.flatMap { column in
            if column.name.contains("<asset>") {
                return assets.map { column.name.replacingOccurrences(of: "<asset>", with: $0.name) }
            }
            if column.name.contains("<bond>") {
                return assets.filter { $0.kind == .bond }.map { column.name.replacingOccurrences(of: "<bond>", with: $0.name) }
            }
            return [column.name]
        }
    }

    /// The row of `record`, in `header` order.
    public static func row(_ r: StepRecord) -> [Double] {
        [Double(r.step)] + r.prices + r.logReturns + r.yields + r.volumes + r.forcedVolumes + r.residuals + r.haircuts
            + r.hedgeFundUnits + r.dealerUnits + r.retailUnits
            + [Double(r.clearingRounds), Double(r.marginCalls), Double(r.defaults), r.marginLoans]
            + [Double(r.liquidations), r.liquidationValue, r.trendShare, r.fundamentalShare]
            + [r.dryPowder, r.moneyFundBonds, r.governmentCash, r.bondsOutstanding, r.bondsIssued, r.coupons, r.governmentSpending]
            + [r.retailBuyOrders, r.retailSellOrders, r.totalCash, r.accountingError]
    }
}

import Economy
import Foundation

extension World {
    /// Phase 2: on meeting days the policy rate moves toward the reaction function's target, given the
    /// inflation and output gap the bank measures; the corridor moves with it. QT without sales runs
    /// its holdings off every day: the government repays them at par and borrows the cash back at
    /// its auctions.
    mutating func holdPolicyMeeting() {
        let rules = rules.centralBank
        runOffBonds()
        guard step % rules.meetingInterval == 0 else { return }
        centralBank.policyRate = policyRateNow()
    }

    /// Annualised log change of the goods price level over the last `activity_window` steps, and the
    /// mean output gap over them (expected inflation and no gap until a window has passed).
    func policyInputs() -> (inflation: Double, gap: Double) {
        let w = rules.centralBank.activityWindow
        guard priceLevels.count > w else { return (rules.realEconomy.expectedInflation, 0) }
        let inflation = log(priceLevels[priceLevels.count - 1] / priceLevels[priceLevels.count - 1 - w]) * Self.stepsPerYear / Double(w)
        return (inflation, outputGaps.suffix(w).reduce(0, +) / Double(w))
    }

    /// The rate the bank's rule would set at a meeting now: what it sets on meeting days, and what macro
    /// funds expect on the others.
    func policyRateNow() -> Double {
        let measured = policyInputs()
        return rules.centralBank.meetingRate(previous: centralBank.policyRate, inflation: measured.inflation, gap: measured.gap)
    }

    /// QT as run-off: `-qe_rate` of the bonds outstanding a year mature out of the bank's holdings
    /// (never more than it holds); the government pays their face value (the initial price).
    private mutating func runOffBonds() {
        let rules = rules.centralBank, a = governmentBond
        guard rules.qeRate < 0, !rules.qtSales else { return }
        let units = min(-rules.qeRate * outstanding[a] / Self.stepsPerYear, max(centralBank.bonds, 0))
        guard units > 0 else { return }
        let paid = units * self.rules.market.assets[a].initialPrice
        var entry = openEntry("bonds run off")
        entry.add(-units, .units(a), .centralBank)
        entry.add(units, .units(a), .government)
        entry.add(-paid, .cash, .government)
        entry.add(paid, .cash, .centralBank)
        post(&entry)
        outstanding[a] -= units
    }

    /// Phase 6: the central bank's order in the government bond (QE, QT sales, backstop), if it has one.
    func centralBankCurve() -> DemandCurve? {
        let a = governmentBond, rules = rules.centralBank
        guard rules.qeRate > 0 || (rules.qeRate < 0 && rules.qtSales) || rules.backstopYield > 0 else { return nil }
        return DemandCurve(.centralBank, centralBank.demand(coupon: self.rules.market.assets[a].coupon, outstanding: outstanding[a],
                                                            stepsPerYear: Self.stepsPerYear, rules: rules))
    }
}

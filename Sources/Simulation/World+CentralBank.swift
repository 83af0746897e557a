import Economy
import Foundation

extension World {
    /// Phase 2: on meeting days the policy rate moves toward the reaction function's target, given the
    /// growth of nominal spending the bank measures. The corridor moves with it.
    mutating func holdPolicyMeeting() {
        let rules = rules.centralBank
        guard step % rules.meetingInterval == 0 else { return }
        centralBank.policyRate = rules.meetingRate(previous: centralBank.policyRate, growth: spendingGrowth())
    }

    /// Annualised log growth of nominal spending: the mean of the last `activity_window` steps against
    /// the window before. The target growth until two windows have passed (nothing measured yet).
    func spendingGrowth() -> Double {
        let w = rules.centralBank.activityWindow
        guard spending.count >= 2 * w else { return rules.centralBank.activityTarget }
        let recent = spending.suffix(w).reduce(0, +), before = spending.dropLast(w).suffix(w).reduce(0, +)
        guard recent > 0, before > 0 else { return rules.centralBank.activityTarget }
        return log(recent / before) * Self.stepsPerYear / Double(w)
    }

    /// Phase 6: the central bank's order in the government bond (QE, QT, backstop), if it has one.
    func centralBankCurve() -> DemandCurve? {
        let a = governmentBond, rules = rules.centralBank
        guard rules.qeRate != 0 || rules.backstopYield > 0 else { return nil }
        return DemandCurve(.centralBank, centralBank.demand(coupon: self.rules.market.assets[a].coupon, outstanding: outstanding[a],
                                                            stepsPerYear: Self.stepsPerYear, rules: rules))
    }
}

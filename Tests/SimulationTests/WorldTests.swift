import Config
import Economy
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct WorldTests {
    func rules(steps: Int = 40, retail: Int = 500, _ overrides: [String] = []) throws -> Rules {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return try Rules(try Experiment.load(Repository.experiment(steps: steps, retail: retail), overrides: parsed))
    }

    func records(_ rules: Rules, seed: UInt64) throws -> [StepRecord] {
        var out: [StepRecord] = []
        try Run.execute(Scenario(base: rules), seed: seed) { out.append($0) }
        return out
    }

    @Test func sameSeedGivesTheSameRun() throws {
        let r = try rules()
        #expect(try records(r, seed: 11) == records(r, seed: 11))
    }

    @Test func differentSeedsGiveDifferentRuns() throws {
        let r = try rules()
        #expect(try records(r, seed: 11).map(\.prices) != records(r, seed: 12).map(\.prices))
    }

    @Test func stockFlowIdentitiesHoldEveryStep() throws {
        for record in try records(try rules(steps: 100), seed: 3) {
            #expect(record.accountingError < 1e-9)
            #expect(record.prices.allSatisfy { $0.isFinite && $0 > 0 })
        }
    }

    @Test func anInjectedCashLeakIsCaughtNamingTheInstrument() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = try world.advance()
        world.hedgeFunds[0].book.add(1_000, to: .cash)
        #expect {
            try world.checkAccounting()
        } throws: { error in
            let v = error as? AccountingViolation
            return v?.instrument == "cash" && v?.step == 1
        }
    }

    @Test func anInjectedUnitLeakIsCaughtNamingTheAsset() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        world.dealers[0].book.add(-5, to: .units(0))
        #expect {
            try world.checkAccounting()
        } throws: { error in
            (error as? AccountingViolation)?.instrument == "crypto"
        }
    }

    @Test func aNonFiniteBalanceIsCaught() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = world.hedgeFunds[1].book.set(.units(0), to: .nan)
        #expect {
            try world.checkAccounting()
        } throws: { error in
            let v = error as? AccountingViolation
            return v?.agent == "hedge_fund[1]" && v?.instrument == "crypto" && v?.detail == "balance is nan"
        }
    }

    @Test func aSecondAssetAddedInTheMarketFileIsTradedAndConserved() throws {
        let dir = Repository.temporaryDirectory()
        let market = try String(contentsOfFile: Repository.path("Agents/market.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "assets:\n", with: "assets:\n  gold:\n    kind: crypto\n    supply: 1.0e6\n    initial_price: 2000\n    anchor_value: 2100\n    duration: 0\n    daily_limit: 0.2\n")
        try market.write(toFile: dir + "/market.yaml", atomically: true, encoding: .utf8)
        let path = Repository.experiment(agents: ["market": dir + "/market.yaml"], extra: "  hedge_fund.value.assets: [gold, memory, saas]")
        let rules = try Rules(try Experiment.load(path))
        let shipped = try Rules(try Experiment.load(Repository.experiment())).market.assets.map(\.name)
        #expect(rules.market.assets.map(\.name) == ["gold"] + shipped)
        let run = try records(rules, seed: 2)
        #expect(run.allSatisfy { $0.prices.count == shipped.count + 1 && $0.accountingError < 1e-9 })
        #expect(run.contains { $0.volumes[0] > 0 }, "gold trades (value funds trade it)")
        #expect(run.allSatisfy { $0.retailUnits[0] == 0 }, "retail trades crypto only")
    }

    /// The long-only investor holding crypto: enough of it to hand a dealer what a test needs.
    let longOnlyCrypto = AgentID(SectorID(LongOnly.type), 0)

    @Test func aFundPastItsMarginLimitSellsWithinTheStep() throws {
        // A fund levered to its limit, then a haircut of 50%: its broker calls it in phase 5 and the
        // forced sale clears in the same step, leaving it within the requirement at the close.
        var world = World(rules: try rules(), seed: Seed(4))
        let i = 0, b = world.hedgeFunds[i].broker
        let p = world.prices[0]
        let extra = 4 * world.hedgeFunds[i].equity(world.prices) / p  // buy 4x equity on margin
        world.transfer(extra, .units(0), from: longOnlyCrypto, to: .dealer(b))  // more than a dealer's inventory
        world.transfer(extra, .units(0), from: .dealer(b), to: .hedgeFund(i))
        world.transfer(extra * p, from: .hedgeFund(i), to: .dealer(b))  // the dealer sold the units for cash
        world.rebalanceLoan(i)
        _ = try world.checkAccounting()
        let before = world.hedgeFunds[i].units[0]
        world.haircuts = world.haircuts.map { _ in 0.5 }
        var log = StepLog(assets: world.prices.count)
        let calls = world.marginCalls(into: &log)
        #expect(calls[i, 0] > 0, "called at a 50% haircut")
        #expect(log.marginCalled.contains(i))
        let curves = world.orders(forced: calls, called: [], credit: world.creditLines(), reference: world.prices,
                                  signals: world.signalInputs(), firstRound: false)
        world.settle(curves, try world.clear(curves, halted: log.halted.map { $0 > 0 }), into: &log)
        #expect(log.forcedFunds.contains(i))
        #expect(world.hedgeFunds[i].units[0] < before - 0.99 * calls[i, 0], "sold the called amount in the round")
        #expect(log.forcedVolumes[0] > 0)
        _ = try world.checkAccounting()
    }

    @Test func aRetailTraderBelowMaintenanceIsLiquidatedWithinTheStep() throws {
        var world = World(rules: try rules(), seed: Seed(4))
        let a = world.retailAsset, p = world.prices[a]
        // Trader 0 spends its cash and a loan L on units from dealer 0; the dealers fund retail loans in
        // equal shares. With L = 20 (position + cash) its equity is under 5% of its position: below
        // maintenance margin.
        let cash = world.retail.cash[0], held = world.retail.units[0]
        let loan = 20 * (held * p + cash), bought = (cash + loan) / p
        world.retail.setBalances(of: 0, cash: 0, units: held + bought, loan: loan)
        world.transfer(bought, .units(a), from: longOnlyCrypto, to: .dealer(0))  // more than a dealer's inventory
        world.dealers[0].book.add(-bought, to: .units(a))
        world.dealers[0].book.add(bought * p, to: .cash)
        for d in world.dealers.indices {
            world.dealers[d].book.add(-loan / Double(world.dealers.count), to: .cash)
            world.dealers[d].book.add(loan / Double(world.dealers.count), to: .claim(.marginLoan))
        }
        _ = try world.checkAccounting()
        let record = try world.advance()
        #expect(record.liquidations >= 1)
        #expect(record.liquidationValue > 0)
        #expect(record.forcedVolumes[a] > 0)
        #expect(world.retail.loan[0] == 0 && world.retail.units[0] == 0, "sold out, the loan repaid")
        #expect(world.retail.cash[0] > 0, "what equity was left stays with the trader")
    }

    @Test func aClaimOnOneSideOfTheLedgerOnlyIsCaught() throws {
        // A lab books capital as called that no sovereign fund owes: units and cash still add up,
        // but the instrument no longer sums to zero over all books.
        var world = World(rules: try rules(), seed: Seed(1))
        world.aiLabs[0].book.add(1e6, to: .claim(.capitalCall))
        #expect {
            try world.checkAccounting()
        } throws: { error in
            (error as? AccountingViolation)?.instrument == "capital_call"
        }
    }

    @Test func aMarginLoanLeakIsCaught() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        world.hedgeFunds[2].book.add(-10, to: .claim(.marginLoan))
        #expect {
            try world.checkAccounting()
        } throws: { error in
            (error as? AccountingViolation)?.instrument == "margin_loan"
        }
    }

    /// A ledger entry whose lines do not sum to zero is named by the next check, even if a later
    /// entry happened to hide it in the totals.
    @Test func anEntryThatDoesNotBalanceIsNamed() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        var gift = Entry("a gift from nowhere")
        gift.add(1_000, .cash, .hedgeFund(0))
        world.post(&gift)
        var levy = Entry("a levy to nowhere")
        levy.add(-1_000, .cash, .hedgeFund(1))
        world.post(&levy)
        #expect {
            try world.checkAccounting()
        } throws: { error in
            let v = error as? AccountingViolation
            return v?.instrument == "ledger" && v?.detail.contains("a gift from nowhere") == true
        }
        var balanced = World(rules: try rules(), seed: Seed(1))
        var payment = Entry("a payment")
        payment.add(1_000, .cash, .hedgeFund(0))
        payment.add(-1_000, .cash, .dealer(0))
        balanced.post(&payment)
        _ = try balanced.checkAccounting()
    }

    /// A claim on the wrong side of its instrument (a money fund borrowing in repo from a dealer) is
    /// caught although lent and borrowed still agree.
    @Test func aClaimOnTheWrongSideIsCaught() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        // More than either has borrowed or lent (step 0's night rolled the dealers' first repo), so both flip.
        let amount = world.dealers[0].repoBorrowed + world.moneyFunds[0].repoLent + 10
        world.lend(amount, .repo, from: .dealer(0), to: .moneyFund(0))
        #expect {
            try world.checkAccounting()
        } throws: { error in
            (error as? AccountingViolation)?.instrument == "repo"
        }
    }

    /// After every step of a run each instrument sums to zero over all books, each asset's units to
    /// its supply (bonds: to zero, the issuers' negative units included), and the cash of all books to
    /// step 0's: the ledger moves quantities, never creates them.
    @Test func booksConserveEveryQuantityStepByStep() throws {
        var world = World(rules: try rules(), seed: Seed(3))
        let cash0 = world.accounts.reduce(world.retail.census().cash) { $0 + world[$1].cash }
        for _ in 0..<20 {
            _ = try world.advance()
            let census = world.retail.census()
            let cash = world.accounts.reduce(census.cash) { $0 + world[$1].cash }
            #expect(abs(cash - cash0) <= 1e-9 * world.moneyScale)
            for instrument in Instrument.allCases {
                let sum = world.accounts.reduce(instrument == .marginLoan ? -census.loan : 0) { $0 + world[$1][instrument] }
                #expect(abs(sum) <= 1e-9 * world.moneyScale, "\(instrument) sums to \(sum)")
            }
            for (a, asset) in world.rules.market.assets.enumerated() {
                let units = world.accounts.reduce(a == world.retailAsset ? census.units : 0) { $0 + world[$1].units[a] }
                let expected = asset.kind == .bond ? 0 : world.outstanding[a]
                #expect(abs(units - expected) <= 1e-9 * asset.supply, "\(asset.name): \(units) against \(expected)")
            }
        }
    }

    @Test func aNonFiniteBalanceStopsTheRunInThePhaseWhereItArose() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = try world.advance()
        // Through the ledger, as every change to a book after set-up goes (the check relies on it).
        var entry = world.openEntry("test")
        entry.set(.claim(.capitalCall), to: .nan, .sovereignFund(1))
        world.post(&entry)
        do {
            try world.checkFinite(after: "4 (funding needs)")
            Issue.record("a NaN passed the check")
        } catch let failure as NumericalFailure {
            #expect(failure.description == "non-finite value at step 1, after phase 4 (funding needs): sovereign_fund[1] capital_call is nan")
        }
    }

    /// The ledger's two-book moves count too: an infinite amount transferred is named in the first book the
    /// walk reaches (hedge funds come before the government).
    @Test func aNonFiniteTransferStopsTheRun() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = try world.advance()
        world.transfer(.infinity, from: .government, to: .hedgeFund(2))
        do {
            try world.checkFinite(after: "3 (cash flows)")
            Issue.record("an infinity passed the check")
        } catch let failure as NumericalFailure {
            #expect(failure.description == "non-finite value at step 1, after phase 3 (cash flows): hedge_fund[2] cash is inf")
        }
    }

    @Test func aBrokenPriceSearchNamesTheMarketAndStep() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = try world.advance()
        let curves = world.prices.indices.map { a in [DemandCurve(.government) { _ in a == 1 ? -.infinity : 0 }] }
        do {
            _ = try world.clear(curves, halted: world.prices.map { _ in false })
            Issue.record("an infinite order cleared")
        } catch let failure as ClearingFailure {
            #expect(failure.step == 1 && failure.market == "treasury" && failure.description.contains("government's order"), "\(failure)")
        }
    }

    @Test func clearingLeavesNoMaterialResidual() throws {
        for record in try records(try rules(steps: 60), seed: 5) {
            #expect(record.residuals.allSatisfy { abs($0) < 1e-3 }, "step \(record.step): \(record.residuals)")
        }
    }
}

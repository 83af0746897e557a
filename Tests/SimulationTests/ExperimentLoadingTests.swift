import Config
import Economy
import Foundation
import TestSupport
import Testing
@testable import Simulation

@Suite struct ExperimentLoadingTests {
    func errors(_ path: String, _ overrides: [String] = []) -> [String] {
        do {
            let parsed = try overrides.map { (t) throws(ConfigErrors) in try Override.parse(commandLine: t) }
            _ = try Rules(try Experiment.load(path, overrides: parsed))
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func everyShippedFileValidates() throws {
        for file in Repository.files(in: "Agents") {
            let type = String(file.split(separator: "/").last!.dropLast(".yaml".count))
            try Rules.validate(ruleFile: try YAMLLoader.load(file: file), type: type)
        }
        let experiments = Repository.files(in: "Experiments").filter { !CalibrationSpec.isCalibration($0) }
        #expect(!experiments.isEmpty)
        for file in experiments { _ = try Rules(try Experiment.load(file)) }
    }

    @Test(arguments: Repository.files(in: "Experiments").filter { !CalibrationSpec.isCalibration($0) })
    func everyShippedExperimentRunsWithoutAnAccountingViolation(file: String) throws {
        // At a test-friendly scale (500 traders, the events' steps kept): any violation or non-finite
        // balance throws from the step that broke it, naming the agent and the instrument.
        let overrides = try ["retail.count=500"].map { try Override.parse(commandLine: $0) }
        var worst = 0.0, steps = 0
        try Run.execute(try Scenario(try Experiment.load(file, overrides: overrides)), seed: 1) { record in
            worst = max(worst, record.accountingError)
            steps += 1
            #expect(record.prices.allSatisfy(\.isFinite) && record.repoRate.isFinite)
        }
        #expect(steps > 0 && worst < 1e-9)
    }

    @Test func overridesInTheExperimentReplaceRuleValues() throws {
        let path = Repository.experiment(extra: "  hedge_fund.value.count: 3\n  market.assets.crypto.supply: 5.0e6")
        let rules = try Rules(try Experiment.load(path))
        #expect(rules.hedgeFund[.value].count == 3 && rules.retail.count == 500)
        #expect(rules.market.assets[0].supply == 5e6)
    }

    @Test func commandLineOverridesComeLast() throws {
        let path = Repository.experiment()
        let rules = try Rules(try Experiment.load(path, overrides: [try Override.parse(commandLine: "retail.count=42")]))
        #expect(rules.retail.count == 42)
    }

    @Test func anUnknownOverridePathNamesTheExperimentLine() {
        let path = Repository.experiment(extra: "  retail.cont: 5")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "retail.cont", in: path)): error: retail.cont: unknown key; did you mean 'count'?"])
    }

    @Test func aBadOverrideValueIsReportedAtTheOverrideWithItsFullPath() {
        let path = Repository.experiment(extra: "  hedge_fund.value.count: many")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "hedge_fund.value.count", in: path)): error: hedge_fund.value.count: expected an integer in [0, 10000], found \"many\""])
    }

    @Test func aBadCommandLineValueNamesTheOption() {
        #expect(errors(Repository.experiment(), ["retail.count=abc"]) == [
            "--set retail.count=abc: error: retail.count: expected an integer in [0, 10000000], found \"abc\"",
        ])
        #expect(errors(Repository.experiment(), ["retail.count"]) == ["--set retail.count: error: expected key.path=value"])
    }

    @Test func aMissingRuleFileIsReportedAtItsLine() {
        let path = Repository.experiment(agents: ["dealer": Repository.path("Agents") + "/dealers.yaml"])
        #expect(errors(path) == ["\(path):\(Repository.line(of: "dealers.yaml", in: path)): error: agents.dealer: rule file not found: \(Repository.path("Agents"))/dealers.yaml"])
    }

    @Test func unknownAgentTypesAreErrors() {
        let path = Repository.experiment(agents: ["retale": Repository.path("Agents/retail.yaml")])
        let messages = errors(path)
        #expect(messages == ["\(path):\(Repository.line(of: "retale", in: path)): error: agents.retale: unknown agent type; did you mean 'retail'? (known: \(Rules.agentTypes.joined(separator: ", ")))"])
    }

    /// A type the experiment does not name comes from the defaults' folder; if that has no such file
    /// the error says so at the `agents:` line, and without a folder every type must be named.
    @Test func anAgentTypeNotNamedNeedsItsDefaultFile() throws {
        let folder = Repository.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Repository.path("Agents/dealer.yaml"), toPath: folder + "/dealer.yaml")
        let path = Repository.experiment(agents: ["market": Repository.path("Agents/market.yaml")])
        func messages(_ defaults: AgentDefaults) -> [String] {
            do { _ = try Experiment.load(path, defaults: defaults); return [] } catch { return error.errors.map(\.description) }
        }
        let line = Repository.line(of: "agents:", in: path)
        let types = ["market", "dealer", "retail"]
        #expect(messages(AgentDefaults(types: types, folder: folder, origin: "a test")) == [
            "\(path):\(line): error: agents.retail: not named here, and the default rule file \(folder)/retail.yaml (a test) does not exist: name the retail rule file under agents:"])
        #expect(messages(AgentDefaults(types: types, folder: nil, origin: "")) == [
            "\(path):\(line): error: agents.dealer: missing key (expected the path of the dealer rule file)",
            "\(path):\(line): error: agents.retail: missing key (expected the path of the retail rule file)"])
    }

    /// An experiment that names no agent file works from any folder, and reads the project's files.
    @Test func anExperimentNamingNoAgentsReadsTheProjectsRuleFiles() throws {
        let experiment = try Experiment.load(Repository.experiment())
        #expect(experiment.agents.map(\.type) == Rules.agentTypes)
        #expect(experiment.agents.map(\.file) == Rules.agentTypes.map { Repository.path("Agents/\($0).yaml") })
    }

    @Test func retailMustTradeAnAssetOfTheMarket() {
        let path = Repository.experiment(extra: "  retail.asset: gold")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "retail.asset", in: path)): error: retail.asset: expected the name of an asset in market.assets (crypto, treasury, hyperscaler_bond, memory, saas), found \"gold\""])
    }

    @Test func aSovereignFundMustNameMarketAssets() {
        let path = Repository.experiment(extra: "  sovereign_fund.conviction: [crypto, bitcoin]")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "sovereign_fund.conviction", in: path)): error: sovereign_fund.conviction: bitcoin is not a market asset (crypto, treasury, hyperscaler_bond, memory, saas) nor hedge_funds"])
    }

    @Test func aHedgeFundStrategyMustNameMarketAssetsAndBasisAndMacroBonds() throws {
        let unknown = Repository.experiment(extra: "  hedge_fund.value.assets: [crypto, gold]")
        #expect(errors(unknown) == ["\(unknown):\(Repository.line(of: "hedge_fund.value.assets", in: unknown)): error: hedge_fund.value.assets: gold is not a market asset (crypto, treasury, hyperscaler_bond, memory, saas)"])
        // In the rule file itself: reported at the strategy's assets line under its local path.
        let dir = Repository.temporaryDirectory()
        let file = dir + "/hedge_fund.yaml"
        let text = try String(contentsOfFile: Repository.path("Agents/hedge_fund.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  assets: [treasury]     # market assets it trades: bonds only\n  base_exposure: 1 ",
                                  with: "  assets: [memory]       # market assets it trades: bonds only\n  base_exposure: 1 ")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let path = Repository.experiment(agents: ["hedge_fund": file])
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  assets: [memory]") }) + 1
        #expect(errors(path) == ["\(file):\(line): error: basis.assets: memory is not a bond; the basis strategy trades yields"])
    }

    @Test func theHyperscalersNeedTheirOwnBond() {
        let path = Repository.experiment(extra: "  hyperscaler.bond: treasury")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "hyperscaler.bond", in: path)): error: hyperscaler.bond: the hyperscalers' bond must differ from the government's (treasury)"])
    }

    /// Reported at the largest share's key: here the override's line.
    @Test func stepZeroSharesThatLeaveDealersShortAreReportedAtTheLargestShare() {
        let path = Repository.experiment(extra: "  sovereign_fund.holdings.crypto.share: 0.95")
        let found = errors(path)
        #expect(found.count == 1)
        let line = Repository.line(of: "sovereign_fund.holdings.crypto.share", in: path)
        #expect(found.first?.hasPrefix("\(path):\(line): error: sovereign_fund.holdings.crypto.share: the step-0 shares of crypto sum to") == true,
                "\(found)")
        #expect(found.first?.contains("sovereign_fund.holdings.crypto.share = 0.95") == true)
    }

    @Test func assetNamesMustBeIdentifiers() throws {
        let dir = Repository.temporaryDirectory()
        let market = try String(contentsOfFile: Repository.path("Agents/market.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  crypto:", with: "  Crypto-1:")
        try market.write(toFile: dir + "/market.yaml", atomically: true, encoding: .utf8)
        let line = try #require(market.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  Crypto-1:") }) + 1
        var r = RuleReader(try YAMLLoader.load(file: dir + "/market.yaml"), section: "market")
        _ = MarketRules(&r)
        #expect(r.errors.map(\.description) == ["\(dir)/market.yaml:\(line): error: assets.Crypto-1: names use lowercase letters, digits and _, starting with a letter"])
    }

    @Test func anUnknownExperimentSettingIsAnError() {
        let path = Repository.experiment(extra: "stepz: 3")
        #expect(errors(path) == ["\(path):\(Repository.line(of: "stepz", in: path)): error: stepz: unknown key"])
    }
}

/// `drypowder config --explain`: each layer that sets a key, read from the files themselves.
@Suite struct ExplainTests {
    /// The value after `key:` on its line in `file` (comment stripped), and that line's number.
    func written(_ key: String, in file: String) throws -> (value: String, line: Int) {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let i = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") })
        let value = lines[i].split(separator: ":", maxSplits: 1)[1].split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
        return (value, i + 1)
    }

    @Test func explainListsTheRuleFileTheExperimentsSetTheCommandLineAndEvents() throws {
        let path = Repository.path("Experiments/seed-crash.yaml"), rules = Repository.path("Agents/retail.yaml")
        let experiment = try Experiment.load(path, overrides: [try Override.parse(commandLine: "retail.count=500")])
        let (value, layers) = try experiment.explain("retail.leveraged_fraction")
        let fromRules = try written("leveraged_fraction", in: rules), fromSet = try written("retail.leveraged_fraction", in: path)
        #expect(value == fromSet.value)
        #expect(layers.map(\.value) == [fromRules.value, fromSet.value])
        #expect(layers.map(\.kind) == ["rule file", "experiment set:"])
        #expect(layers.map(\.location.line) == [fromRules.line, fromSet.line])
        let count = try experiment.explain("retail.count")
        #expect(count.value == "500" && count.layers.last?.kind == "command line")
        let growth = try experiment.explain("hyperscaler.capex_growth")
        #expect(growth.layers.last?.kind == "event, steps 20 to the end")
        #expect(growth.layers.last?.value == (try written("hyperscaler.capex_growth", in: path)).value)
        // A key inside a mapping an override replaces: the override's part of it.
        let leverage = try experiment.explain("retail.leverage.max")
        #expect(leverage.layers.map(\.kind) == ["rule file", "experiment set:"] && leverage.value == leverage.layers[1].value)
        #expect(throws: ConfigErrors.self) { try experiment.explain("retail.no_such_key") }
    }
}

/// `base:`: an experiment made of another plus changes, from any folder.
@Suite struct BaseExperimentTests {
    func write(_ text: String, _ name: String, in dir: String) -> String {
        let path = dir + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aChildKeepsItsBasesKeysAndChangesItsOwn() throws {
        let dir = Repository.temporaryDirectory(), base = Repository.path("Experiments/seed-crash.yaml")
        let child = write("base: \(base)\nrun:\n  steps: 30\nset:\n  retail.leveraged_fraction: 0.5\n", "child.yaml", in: dir)
        let experiment = try Experiment.load(child)
        let parent = try Experiment.load(base)
        let rules = try Rules(experiment), parentRules = try Rules(parent)
        #expect(rules.run.steps == 30 && rules.run.seed == parentRules.run.seed, "run merges key by key")
        #expect(rules.retail.leveragedFraction == 0.5, "the child's set: applies after the base's")
        #expect(rules.moneyFund.cash == parentRules.moneyFund.cash, "the base's other set: entries stay")
        #expect(experiment.events.count == parent.events.count && experiment.batch.replications == parent.batch.replications)
        let layers = try experiment.explain("retail.leveraged_fraction").layers
        #expect(layers.map(\.location.file) == [Repository.path("Agents/retail.yaml"), base, child])
    }

    @Test func aMissingOrLoopingBaseIsAnErrorAtItsLine() throws {
        let dir = Repository.temporaryDirectory()
        let missing = write("base: nowhere.yaml\n", "missing.yaml", in: dir)
        #expect(throws: ConfigErrors.self) { try Experiment.load(missing) }
        do { _ = try Experiment.load(missing) } catch {
            #expect(error.description == "\(missing):1: error: base: experiment file not found: \(dir)/nowhere.yaml")
        }
        _ = write("base: b.yaml\n", "a.yaml", in: dir)
        let b = write("base: a.yaml\n", "b.yaml", in: dir)
        do { _ = try Experiment.load(b); Issue.record("a loop loaded") } catch {
            #expect(error.description.contains("base: the base chain loops:"), "\(error)")
        }
    }
}

import Testing
@testable import Config

/// One fixture per class of configuration error, each asserting the exact compiler-style message.
@Suite struct RuleReaderTests {
    @Test func readsAValidFile() throws {
        let rules = try Fixture.read("valid").get()
        #expect(rules.name == "probe")
        #expect(rules.count == 1000, "underscores group digits")
        #expect(rules.leverage == 2.5)
        #expect(rules.enabled)
        #expect(rules.mode == .fast)
        #expect(rules.sizes == .lognormal(mean: 3, sd: 1))
        #expect(rules.maxLeverage == 4)
    }

    @Test func rejectsUnknownKeyWithASuggestion() {
        #expect(Fixture.messages("unknown_key") == [
            "\(Fixture.path("unknown_key")):10: error: levrage: unknown key; did you mean 'leverage'?",
        ])
    }

    @Test func rejectsDuplicateKeyAtItsSecondLine() {
        #expect(Fixture.messages("duplicate_key") == [
            "\(Fixture.path("duplicate_key")):5: error: leverage: duplicate key (first written at line 3)",
        ])
    }

    @Test func rejectsMissingKey() {
        #expect(Fixture.messages("missing_key") == [
            "\(Fixture.path("missing_key")):1: error: leverage: missing key (expected a number > 0)",
        ])
    }

    @Test func rejectsWrongTypeNamingTheNestedPath() {
        #expect(Fixture.messages("wrong_type") == [
            "\(Fixture.path("wrong_type")):9: error: strategies.value.max_leverage: expected a number > 0, found \"ten\"",
        ])
    }

    @Test func rejectsOutOfRangeValue() {
        #expect(Fixture.messages("out_of_range") == [
            "\(Fixture.path("out_of_range")):2: error: count: expected an integer >= 0, found -3",
        ])
    }

    @Test func rejectsNaNAndInfinity() {
        #expect(Fixture.messages("not_finite") == [
            "\(Fixture.path("not_finite")):3: error: leverage: expected a number > 0, found \".nan\" (NaN and infinities are not allowed)",
            "\(Fixture.path("not_finite")):9: error: strategies.value.max_leverage: expected a number > 0, found inf (NaN and infinities are not allowed)",
        ])
    }

    @Test func acceptsOnlyTrueAndFalseAsBooleans() {
        #expect(Fixture.messages("wrong_bool") == [
            "\(Fixture.path("wrong_bool")):4: error: enabled: expected true or false, found \"yes\"",
        ])
    }

    @Test func rejectsAValueOutsideAChoice() {
        #expect(Fixture.messages("bad_choice") == [
            "\(Fixture.path("bad_choice")):5: error: mode: expected one of: fast, slow; found \"medium\"",
        ])
    }

    @Test func rejectsInvalidDistributionParameters() {
        #expect(Fixture.messages("bad_distribution") == [
            "\(Fixture.path("bad_distribution")):8: error: sizes.mean: expected a number > 0, found -1",
        ])
    }

    @Test func reportsYAMLSyntaxErrorsWithTheirLine() {
        let messages = Fixture.messages("syntax_error")
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("\(Fixture.path("syntax_error")):4: error: invalid YAML:") == true, "\(messages)")
    }

    @Test func reportsEveryErrorOfAFileAtOnce() {
        let p = Fixture.path("several_errors")
        #expect(Fixture.messages("several_errors") == [
            "\(p):2: error: count: expected an integer >= 0, found 1.5",
            "\(p):3: error: leverage: expected a number > 0, found 0",
            "\(p):7: error: strategies: expected a mapping of keys, found 4",
        ])
    }

    @Test func reportsAnUnreadableFile() {
        #expect(Fixture.messages("no_such_file") == [
            "\(Fixture.path("no_such_file")): error: cannot read file: no such file",
        ])
    }

    /// There are no defaults: described keys carry no value, and what describing returns is a
    /// placeholder inside each key's range (never a result: nothing is read).
    @Test func describingRecordsEveryKeyAndReturnsPlaceholdersInRange() {
        var r = RuleReader.describing(section: "test")
        let placeholders = TestRules(&r)
        let leaves = r.specs.filter { $0.type != "section" }
        #expect(leaves.map(\.path) == ["name", "count", "leverage", "enabled", "mode", "sizes", "strategies.value.max_leverage"])
        #expect(leaves.first { $0.path == "leverage" } == KeySpec(path: "leverage", type: "number > 0", meaning: "gross leverage", unit: "x", bound: .positive))
        #expect(placeholders.leverage > 0 && placeholders.maxLeverage > 0 && placeholders.count >= 0)
        #expect(r.errors.isEmpty)
    }
}

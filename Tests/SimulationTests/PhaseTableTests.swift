import Foundation
import Simulation
import Testing
import TestSupport

/// The step's phases are one table in code; the docs show it, not a copy that can drift.
struct PhaseTableTests {
    @Test func modelDocShowsThePhaseTable() throws {
        let doc = try String(contentsOfFile: Repository.path("docs/MODEL.md"), encoding: .utf8)
        #expect(doc.contains(Phase.markdownTable + "\n"),
                "docs/MODEL.md's scheduling table differs from World.phases: paste `drypowder describe phases`")
    }

    @Test func phasesAreNumberedInOrder() {
        #expect(World.phases.map(\.number) == Array(1...World.phases.count))
        #expect(Set(World.phases.map(\.name)).count == World.phases.count)
    }
}

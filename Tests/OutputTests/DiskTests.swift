import Foundation
import TestSupport
import Testing
@testable import Output

@Suite struct DiskTests {
    @Test func aFullDiskNamesTheFileAndSaysSo() throws {
        // /dev/full accepts an open and fails every write with ENOSPC.
        let out = try CSVWriter(path: "/dev/full", header: ["a", "b"])
        try out.writeRow([1, 2])
        do {
            try out.close()
            Issue.record("a write to a full device succeeded")
        } catch {
            #expect("\(error)" == "cannot write /dev/full: no space left on device")
        }
    }

    @Test func aMissingFolderIsAUsageProblemNamingThePath() throws {
        let file = Repository.temporaryDirectory() + "/plain"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        do {
            try Disk.makeDirectory(file + "/run")
            Issue.record("a folder was made inside a file")
        } catch let failure as Disk.Failure {
            #expect(failure.isUsage && failure.description == "cannot create directory \(file): not a directory")
        }
    }

    @Test func theChecksumIsTheSameHoweverTheBytesArriveAndSeesAnyChange() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } + Array("a,b\r\n1,2\r\n".utf8)
        var whole = Checksum()
        whole.add(bytes)
        for cut in [1, 7, 8, 9, 500, 1009] {
            var pieces = Checksum()
            pieces.add(Array(bytes[..<cut]))
            pieces.add(Array(bytes[cut...]))
            #expect(pieces.digest == whole.digest, "cut at \(cut)")
        }
        #expect(whole.lines == bytes.filter { $0 == 10 }.count && whole.bytes == bytes.count)
        for i in [0, 8, 999, bytes.count - 1] {
            var changed = bytes
            changed[i] ^= 1
            var other = Checksum()
            other.add(changed)
            #expect(other.hex != whole.hex, "a flipped bit at byte \(i) goes unseen")
        }
        var shorter = Checksum()
        shorter.add(Array(bytes.dropLast()))
        #expect(shorter.digest.mismatch(whole.digest) != nil)
    }

    @Test func aNonFiniteValueNeverReachesATable() throws {
        let path = Repository.temporaryDirectory() + "/t.csv"
        let out = try CSVWriter(path: path, header: ["x", "y"])
        #expect(throws: OutputError.self) { try out.writeRow([1, .nan]) }
        try out.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x,y\n")
    }
}

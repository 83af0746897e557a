import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Output

@Suite struct CSVTests {
    @Test func writtenCSVParsesBackWithoutLoss() throws {
        let dir = Repository.temporaryDirectory()
        let path = dir + "/t.csv"
        let stream = RandomStream(seed: Seed(4))
        let numbers: [[Double]] = (0..<200).map { _ in
            [stream.gaussian() * 1e-300, stream.gaussian() * 1e300, stream.uniform(), -stream.exponential(mean: 1e6),
             Double(stream.poisson(mean: 1e9)), 0.1, -0.0, 1e15 + 0.5]
        }
        let texts = ["plain", "with,comma", "with \"quotes\"", "line\nbreak", "crlf\r\nend", "", "ünïcode"]
        let writer = try CSVWriter(path: path, header: (0..<8).map { "x\($0)" } + ["label"])
        for (i, row) in numbers.enumerated() {
            try writer.writeRow(row.map(CSVWriter.format) + [texts[i % texts.count]])
        }
        try writer.close()

        let rows = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows.count == numbers.count + 1)
        #expect(rows[0] == (0..<8).map { "x\($0)" } + ["label"])
        for (i, row) in numbers.enumerated() {
            let parsed = rows[i + 1]
            #expect(parsed.count == 9)
            for (j, x) in row.enumerated() {
                #expect(Double(parsed[j])?.bitPattern == x.bitPattern || (x == 0 && Double(parsed[j]) == 0),
                        "row \(i) column \(j): \(x) came back as \(parsed[j])")
            }
            #expect(parsed[8] == texts[i % texts.count])
        }
    }

    @Test func linesEndInLFAndOnlyFieldsThatNeedItAreQuoted() throws {
        let path = Repository.temporaryDirectory() + "/q.csv"
        let writer = try CSVWriter(path: path, header: ["a", "b"])
        try writer.writeRow(["1.5", "x,y"])
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1.5,\"x,y\"\n")
    }

    /// Every number of a floating-point column has a fraction or an exponent; whole-number columns none.
    @Test func doublesAreLocaleFreeAndAlwaysReadAsFloatingPoint() {
        #expect(CSVWriter.format(3) == "3.0" && CSVWriter.format(-0.0) == "-0.0")
        #expect(CSVWriter.whole(3) == "3" && CSVWriter.whole(-12) == "-12")
        #expect(CSVWriter.format(0.1) == "0.1")
        #expect(CSVWriter.format(-2.5e-7) == "-2.5e-07")
        #expect(CSVWriter.format(1e20) == "1e+20")
    }

    /// Rows of numbers are written straight into the buffer; the bytes must be `format`'s and `whole`'s,
    /// over random bit patterns (every exponent, subnormals), whole numbers up to 1e16 in size (past 2^53 the
    /// text takes an exponent) and signed zeros.
    @Test func numbersWrittenInPlaceMatchFormat() throws {
        let stream = RandomStream(seed: Seed(9))
        var rows: [[Double]] = [[0, -0.0, 1, 5e-324], [.greatestFiniteMagnitude, 1e15 - 1, -.leastNormalMagnitude, -1],
                                [-0.0, 0, 1e15 - 1, -(1e15 - 1)], [1e15, -3, -1e15, 1e15 + 2]]
        for _ in 0..<5_000 {
            rows.append((0..<4).map { j in
                let bits = UInt64(stream.uniform() * 0x1p32) << 32 | UInt64(stream.uniform() * 0x1p32)
                let x = Double(bitPattern: bits)
                if j == 1 { return (stream.uniform() * 2e6 - 1e6).rounded() }
                // Whole values in a floating-point column ("-0.0", "12.0"), up to 1e16 in size.
                if j == 2 { return (stream.gaussian() * pow(10, Double(Int(stream.uniform() * 17)))).rounded() }
                return x.isFinite ? x : stream.gaussian()
            })
        }
        let path = Repository.temporaryDirectory() + "/n.csv"
        let writer = try CSVWriter(path: path, header: ["id", "a", "b", "c", "d"])
        writer.wholeNumbers = [false, true, false, false]
        for row in rows { try writer.writeRow(["r"], then: row) }
        try writer.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == rows.count)
        for (line, row) in zip(lines, rows) {
            let expected = "r," + row.enumerated().map { $0 == 1 ? CSVWriter.whole($1) : CSVWriter.format($1) }
                .joined(separator: ",")
            #expect(String(line) == expected)
        }
    }

    /// Rows are built in a buffer of 68 KiB that grows when a row is longer: a 200 KB field (quoted,
    /// since it holds commas) and the numbers after it come out whole, around ordinary rows.
    @Test func aRowLongerThanTheBufferIsWrittenWhole() throws {
        let path = Repository.temporaryDirectory() + "/long.csv"
        let writer = try CSVWriter(path: path, header: ["text", "x"])
        let long = String(repeating: "ab,", count: 70_000)
        try writer.writeRow(["short"], then: [0.5])
        try writer.writeRow([long], then: [1.5])
        try writer.writeRow { row in row.field(long); try row.number(2.5) }
        try writer.writeRow(["short"], then: [3.5])
        try writer.close()
        let rows = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows == [["text", "x"], ["short", "0.5"], [long, "1.5"], [long, "2.5"], ["short", "3.5"]])
    }

    /// A row prefix is written before every row's own fields, quoted as any field, and counts toward the
    /// header's columns.
    @Test func rowPrefixLeadsEveryRow() throws {
        let path = Repository.temporaryDirectory() + "/p.csv"
        let writer = try CSVWriter(path: path, header: ["run", "label", "step", "x"])
        writer.rowPrefix = ["7", "a,b"]
        writer.wholeNumbers = [true, false]
        try writer.writeRow([], then: [3, 0.5])
        try writer.writeRow([], then: [4, 1])
        writer.rowPrefix = []
        try writer.writeRow(["8", "c", "5", "2.0"])
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8)
                    == "run,label,step,x\n7,\"a,b\",3,0.5\n7,\"a,b\",4,1.0\n8,c,5,2.0\n")
    }

    /// A prefix of one empty field still takes its column (and its comma); a non-finite number after a
    /// prefix is refused with its column counted from the prefix's first.
    @Test func anEmptyPrefixFieldKeepsItsColumn() throws {
        let path = Repository.temporaryDirectory() + "/e.csv"
        let writer = try CSVWriter(path: path, header: ["label", "x", "y"])
        writer.rowPrefix = [""]
        try writer.writeRow([], then: [1.5, 2])
        #expect(throws: OutputError.self) { try writer.writeRow([], then: [1, .nan]) }
        do {
            try writer.writeRow([], then: [1, .infinity])
            Issue.record("an infinity was written")
        } catch let OutputError.nonFinite(_, column, _) {
            #expect(column == 3)
        }
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "label,x,y\n,1.5,2.0\n")
    }

    /// A row built a field at a time is the row `writeRow(_:then:)` writes, prefix and whole-number
    /// columns included; a non-finite number drops the row so far, names its column, and leaves the
    /// writer ready for the next row.
    @Test func aStreamedRowIsTheRowWrittenWhole() throws {
        let stream = RandomStream(seed: Seed(4))
        let rows: [(String, [Double])] = (0..<300).map { i in
            ("t,\(i)", [Double(i), stream.gaussian() * 1e3, (stream.gaussian() * 50).rounded(), stream.uniform()])
        }
        let dir = Repository.temporaryDirectory()
        var texts: [String] = []
        for streamed in [false, true] {
            let path = dir + "/s\(streamed).csv"
            let writer = try CSVWriter(path: path, header: ["run", "label", "i", "a", "b", "c"])
            writer.rowPrefix = ["7"]
            writer.wholeNumbers = [true, false, false, false]
            for (label, values) in rows {
                if streamed {
                    try writer.writeRow { row in
                        row.field(label)
                        for x in values { try row.number(x) }
                    }
                } else {
                    try writer.writeRow([label], then: values)
                }
            }
            if streamed {
                do {
                    try writer.writeRow { row in
                        row.field("bad")
                        try row.number(1)
                        try row.number(.nan)
                        try row.number(2)
                    }
                    Issue.record("a NaN was written")
                } catch let OutputError.nonFinite(_, column, _) {
                    #expect(column == 4)
                }
                try writer.writeRow { row in
                    row.field("after")
                    for x in [1.0, 2, 3, 4] { try row.number(x) }
                }
            }
            try writer.close()
            texts.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        #expect(texts[1] == texts[0] + "7,after,1,2.0,3.0,4.0\n")
    }
}

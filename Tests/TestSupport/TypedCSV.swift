import Foundation

/// Reads a CSV table strictly, as polars or DuckDB type it from its rows: every column must hold only
/// whole numbers, only floating-point numbers (each with a fraction or an exponent), or text; an empty
/// cell is a missing value. Lines end in LF alone.
public enum TypedCSV {
    public enum Kind: String { case whole, float, text }

    /// Each column's kind, or the problems that stop a strict reader.
    public static func read(_ path: String) -> (kinds: [String: Kind], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([:], ["\(path): cannot be read"]) }
        if data.contains(13) { return ([:], ["\(path): a CR in the file (lines must end in LF alone)"]) }
        let rows = parse(String(decoding: data, as: UTF8.self))
        guard let header = rows.first else { return ([:], ["\(path): empty"]) }
        var kinds: [Set<Kind>] = header.map { _ in [] }, problems: [String] = []
        for (n, row) in rows.dropFirst().enumerated() {
            guard row.count == header.count else {
                problems.append("\(path):\(n + 2): \(row.count) fields, the header has \(header.count)")
                continue
            }
            for (c, cell) in row.enumerated() where !cell.isEmpty { kinds[c].insert(kind(cell)) }
        }
        var result: [String: Kind] = [:]
        for (c, name) in header.enumerated() {
            if kinds[c].contains(.whole) && kinds[c].contains(.float) {
                problems.append("\(path): column \(name) mixes whole numbers and floating-point numbers")
            }
            result[name] = kinds[c].contains(.text) ? .text : kinds[c].contains(.float) ? .float : .whole
        }
        return (result, problems)
    }

    static func kind(_ cell: String) -> Kind {
        if Int(cell) != nil { return .whole }
        if let x = Double(cell), x.isFinite, cell.contains(where: { ".eE".contains($0) }) { return .float }
        return .text
    }

    /// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); (row, field) = ([], "") }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

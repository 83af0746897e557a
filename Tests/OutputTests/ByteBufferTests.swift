import Testing
@testable import Output

@Suite struct ByteBufferTests {
    /// A buffer grows to hold what is written past its capacity, and keeps what it held.
    @Test func aByteBufferGrowsAndKeepsItsBytes() {
        var buffer = ByteBuffer(capacity: 3)
        var expected: [UInt8] = []
        for i in 0..<10_000 {
            let byte = UInt8(truncatingIfNeeded: i)
            if i % 7 == 0 {
                buffer.append([byte, byte])
                expected += [byte, byte]
            } else {
                buffer.append(byte)
                expected.append(byte)
            }
        }
        #expect(buffer.array == expected)
        buffer.truncate(to: 5)
        buffer.append(9)
        #expect(buffer.array == Array(expected.prefix(5)) + [9])
    }
}

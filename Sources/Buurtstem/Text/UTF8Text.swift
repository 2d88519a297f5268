/// Text files people edit by hand (definitions, budget plans, paper-ballot files) are read as UTF-8 or refused:
/// a byte that is not UTF-8 would otherwise become U+FFFD and be signed as such.
package enum UTF8Text {
    /// The text of `bytes`, or an `InputError` naming the line of the first byte that is not UTF-8. A byte-order
    /// mark at the start is skipped.
    package static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return text }
        // Find the first bad byte, by decoding scalar by scalar, for the line number.
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var line = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw InputError(file: file, line: line,
                         "the line is not valid UTF-8 (an accented letter saved in another encoding?); save the file as UTF-8")
    }
}

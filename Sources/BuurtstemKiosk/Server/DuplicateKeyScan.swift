/// Finds a JSON object with the same key twice, which `JSONDecoder` silently accepts (the last one wins).
///
/// A cast body with `"code"` or `"choices"` twice could mean one thing to the server and another to whatever
/// logged or checked it first, so the kiosk refuses such bodies before decoding. Keys are compared after their
/// escapes are decoded (`"code"` and `"\u0063ode"` are the same key) and as Swift strings (canonically equivalent
/// spellings count as the same key). The scan only looks at structure; whether the text is valid JSON is left to
/// the decoder that reads it next.
enum DuplicateKeyScan {
    /// The first key that occurs twice in one object of `json`, if any.
    static func firstDuplicate(in json: [UInt8]) -> String? {
        /// An open container: an object with the keys seen so far and whether a key comes next, or an array.
        enum Container {
            case object(keys: Set<String>, expectingKey: Bool)
            case array
        }
        var stack: [Container] = []
        var index = 0
        while index < json.count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(.object(keys: [], expectingKey: true))
            case UInt8(ascii: "["):
                stack.append(.array)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if case let .object(keys, _) = stack.last { stack[stack.count - 1] = .object(keys: keys, expectingKey: true) }
            case UInt8(ascii: "\""):
                let (text, end) = string(in: json, from: index)
                index = end
                if case .object(var keys, true) = stack.last {
                    // A key whose escape does not decode is left to the decoder, which refuses it.
                    if let text, !keys.insert(text).inserted { return text }
                    stack[stack.count - 1] = .object(keys: keys, expectingKey: false)
                }
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The decoded string whose opening quote is at `start`, and the index just past its closing quote; `nil` text
    /// when an escape is malformed.
    private static func string(in json: [UInt8], from start: Int) -> (String?, Int) {
        var units: [UInt16] = []
        var bytes: [UInt8] = []
        var valid = true
        var index = start + 1
        func flushBytes() {
            units.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf16)
            bytes.removeAll()
        }
        while index < json.count {
            let byte = json[index]
            if byte == UInt8(ascii: "\"") {
                flushBytes()
                return (valid ? String(decoding: units, as: UTF16.self) : nil, index + 1)
            }
            guard byte == UInt8(ascii: "\\"), index + 1 < json.count else {
                bytes.append(byte)
                index += 1
                continue
            }
            flushBytes()
            let escape = json[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): units.append(0x22)
            case UInt8(ascii: "\\"): units.append(0x5C)
            case UInt8(ascii: "/"): units.append(0x2F)
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "t"): units.append(0x09)
            case UInt8(ascii: "u"):
                if index + 4 <= json.count, let unit = UInt16(String(decoding: json[index..<index + 4], as: UTF8.self), radix: 16) {
                    units.append(unit)
                    index += 4
                } else {
                    valid = false
                }
            default:
                valid = false
            }
        }
        return (nil, index)  // no closing quote: the decoder refuses the body anyway
    }
}

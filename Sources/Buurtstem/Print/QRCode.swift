internal import CQRencode

/// A QR code (libqrencode), rendered as an inline SVG for the printable pages of passes and cheques.
public struct QRCode: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    /// Row-major dark (`true`) and light modules.
    public let modules: [Bool]

    /// Encodes `text` with error correction level M (15 % of the code may be damaged or dirty and still read).
    ///
    /// libqrencode picks the densest mode per segment: codes in upper-case base32 with `-` and `:` fit the
    /// alphanumeric mode, which gives a smaller symbol (faster to print, to scan and to make) than 8-bit bytes.
    public init(_ text: String) throws(QRCodeError) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw QRCodeError(message: "cannot make a QR code for a text of \(text.utf8.count) bytes: it is too long for a QR code")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// The dark module at `row`, `column`.
    public subscript(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    /// An SVG drawing with a 4-module quiet zone, `pixels` wide, one path for all dark modules.
    public func svg(pixels: Int = 160, label: String) -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard self[row, column] else { column += 1; continue }
                let start = column
                while column < size && self[row, column] { column += 1 }
                path += "M\(start + 4) \(row + 4)h\(column - start)v1h-\(column - start)z"
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(pixels)" height="\(pixels)" \
        role="img" aria-label="\(label)" shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/>\
        <path d="\(path)" fill="#000"/></svg>
        """
    }
}

/// A text that does not fit in a QR code.
public struct QRCodeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    public var description: String { message }
}

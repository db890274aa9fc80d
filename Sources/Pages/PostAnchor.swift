/// The `id` of a post's element on its thread page, so a link can point at it (`/t/H/I#p-id-123`).
public enum PostAnchor {
    /// `p-` and the post key made safe for an HTML id and a URL fragment: letters, digits and `_` kept, `:`
    /// as `-`, any other byte as `.` and two hex digits, so two keys never share an anchor.
    /// `id:20384040` → `p-id-20384040`, `fp:0a1b#2` → `p-fp-0a1b.232`.
    public static func anchor(forPostKey key: String) -> String {
        var bytes: [UInt8] = Array("p-".utf8)
        bytes.reserveCapacity(key.utf8.count + 8)
        let hex = Array("0123456789abcdef".utf8)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: ":"):
                bytes.append(UInt8(ascii: "-"))
            default:
                bytes += [UInt8(ascii: "."), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

internal import CLibXML2

extension FastPath {
    /// A document's elements by name, each list in document order: a search for `descendant::name` looks at
    /// the elements of that name in a range of the numbering `xmlXPathOrderDocElems` gives, not at every node.
    final class ElementIndex {
        /// A name of up to 16 bytes, zero-padded (names hold no zero byte).
        private struct ShortName: Hashable {
            var head: UInt64 = 0
            var tail: UInt64 = 0
        }

        private var short: [ShortName: [xmlNodePtr]] = [:]
        private var long: [String: [xmlNodePtr]] = [:]

        init(document: xmlDocPtr) {
            let root = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
            var current = root.pointee.children
            while let node = current {
                if node.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
                    if let name = node.pointee.name {
                        if let key = Self.key(name) {
                            short[key, default: []].append(node)
                        } else {
                            long[String(cString: name), default: []].append(node)
                        }
                    }
                    if let child = node.pointee.children {
                        current = child
                        continue
                    }
                }
                var up = node
                while up.pointee.next == nil {
                    guard let parent = up.pointee.parent, parent != root else { return }
                    up = parent
                }
                current = up.pointee.next
            }
        }

        private static func key(_ name: UnsafePointer<xmlChar>) -> ShortName? {
            var key = ShortName()
            var index = 0
            while true {
                let byte = name[index]
                if byte == 0 { return key }
                if index == 16 { return nil }
                if index < 8 {
                    key.head |= UInt64(byte) << (8 * UInt64(index))
                } else {
                    key.tail |= UInt64(byte) << (8 * UInt64(index - 8))
                }
                index += 1
            }
        }

        /// The elements named `name`, in document order.
        func elements(named name: FastPath.Bytes) -> [xmlNodePtr] {
            if let key = Self.key(name.start) { return short[key] ?? [] }
            return long[String(decoding: name.buffer, as: UTF8.self)] ?? []
        }

        /// An element's number in document order (from 1), when libxml2 numbered it.
        @inline(__always)
        static func number(_ node: xmlNodePtr) -> Int? {
            let value = -Int(bitPattern: node.pointee.content)
            return value > 0 ? value : nil
        }

        /// The numbers of the elements strictly below `node`: after its own number, before the number of the
        /// first element that follows its subtree. The document node holds every element.
        static func descendantRange(of node: xmlNodePtr) -> Range<Int>? {
            guard node.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue else {
                return node.pointee.parent == nil ? 1..<Int.max : nil
            }
            guard let start = number(node) else { return nil }
            var current: xmlNodePtr? = node
            while let up = current, up.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
                var sibling = up.pointee.next
                while let next = sibling {
                    if next.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
                        guard let end = number(next) else { return nil }
                        return (start + 1)..<end
                    }
                    sibling = next.pointee.next
                }
                current = up.pointee.parent
            }
            return (start + 1)..<Int.max
        }

        /// The elements of `list` whose numbers lie in `range`.
        static func slice(_ list: [xmlNodePtr], in range: Range<Int>) -> ArraySlice<xmlNodePtr>? {
            var low = 0
            var high = list.count
            while low < high {
                let middle = (low + high) / 2
                guard let value = number(list[middle]) else { return nil }
                if value < range.lowerBound { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < list.count {
                guard let value = number(list[end]) else { return nil }
                if value >= range.upperBound { break }
                end += 1
            }
            return list[low..<end]
        }
    }
}

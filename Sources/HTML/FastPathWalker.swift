internal import CLibXML2

extension FastPath {
    /// Walks the tree for one query. Gives up (nil) past a budget of node tests, so that a shape this
    /// type handles worse than libxml2 (a position test over thousands of siblings) costs little.
    struct Walker {
        let program: FastPath.Program
        let document: xmlDocPtr
        // The program's tables, held here so that reading them needs no exclusivity check per node.
        let steps: [FastPath.Program.StepCode]
        let predicates: [FastPath.Program.PredicateCode]
        let operands: [Int]
        let strings: [FastPath.Program.StringCode]
        private let values: [FastPath.Program.ValueCode]
        private let booleans: [FastPath.Program.BooleanCode]
        /// Node tests left before giving up.
        var budget = 4_000_000
        var exhausted = false

        let elements: FastPath.ElementIndex

        init(program: FastPath.Program, document: xmlDocPtr, index: FastPath.ElementIndex) {
            self.program = program
            self.document = document
            self.elements = index
            steps = program.steps
            predicates = program.predicates
            operands = program.operands
            strings = program.strings
            values = program.values
            booleans = program.booleans
        }

        static let element = XML_ELEMENT_NODE.rawValue
        static let text = XML_TEXT_NODE.rawValue

        /// Whether a libxml2 name is `name` (compared here: most names differ in their first byte).
        @inline(__always)
        static func equal(_ name: FastPath.Bytes, _ other: UnsafePointer<xmlChar>?) -> Bool {
            guard let other else { return false }
            var index = 0
            while index < name.count {
                if other[index] != name.start[index] { return false }
                index += 1
            }
            return other[index] == 0
        }

        var documentNode: xmlNodePtr {
            UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        }

        enum Value {
            case nodes([xmlNodePtr])
            case string([UInt8])
            case number(Double)
            case boolean(Bool)
        }

        mutating func run(from context: xmlNodePtr, limit: Int) -> Value? {
            let result: Value
            switch program.top {
            case .nodes(let root): result = .nodes(evaluate(root, from: context, limit: limit))
            case .string(let value): result = .string(string(value, from: context))
            case .boolean(let boolean): result = .boolean(holds(boolean, from: context))
            case .count(let root): result = .number(Double(evaluate(root, from: context, limit: .max).count))
            }
            return exhausted ? nil : result
        }

        private mutating func string(_ index: Int, from context: xmlNodePtr) -> [UInt8] {
            switch values[index] {
            case .literal(let literal):
                return Array(literal.buffer)
            case .first(let root):
                guard let first = evaluate(root, from: context, limit: 1).first else { return [] }
                return Self.textContent(first)
            case .normalized(let inner):
                return Self.normalize(string(inner, from: context))
            case .substringAfter(let inner, let literal):
                let value = string(inner, from: context)
                return value.withUnsafeBufferPointer { buffer in
                    guard let found = Self.find(literal.buffer, in: buffer) else { return [] }
                    return Array(buffer[(found + literal.count)...])
                }
            case .substringBefore(let inner, let literal):
                let value = string(inner, from: context)
                return value.withUnsafeBufferPointer { buffer in
                    guard let found = Self.find(literal.buffer, in: buffer) else { return [] }
                    return Array(buffer[..<found])
                }
            case .concat(let parts):
                var result: [UInt8] = []
                for part in parts { result += string(operands[part], from: context) }
                return result
            }
        }

        private mutating func holds(_ index: Int, from context: xmlNodePtr) -> Bool {
            switch booleans[index] {
            case .and(let terms):
                for term in terms where !holds(operands[term], from: context) { return false }
                return true
            case .or(let terms):
                for term in terms where holds(operands[term], from: context) { return true }
                return false
            case .not(let inner):
                return !holds(inner, from: context)
            case .exists(let root):
                return !evaluate(root, from: context, limit: 1).isEmpty
            case .count(let root, let comparison, let number):
                // Counting one past `number` tells every comparison with it.
                let count = evaluate(root, from: context, limit: number == .max ? .max : number + 1).count
                switch comparison {
                case .less: return count < number
                case .lessOrEqual: return count <= number
                case .greater: return count > number
                case .greaterOrEqual: return count >= number
                case .equal: return count == number
                case .notEqual: return count != number
                }
            }
        }

        private mutating func evaluate(_ root: FastPath.Program.Root, from context: xmlNodePtr, limit: Int) -> [xmlNodePtr] {
            switch root {
            case .union(let paths):
                if paths.count == 1 { return select(paths[0], from: context, limit: limit) }
                // Each path's nodes, merged in document order without repeats.
                var merged: [xmlNodePtr] = []
                for path in paths {
                    merged = Self.merge(merged, select(path, from: context, limit: limit))
                    if exhausted { return [] }
                }
                return Array(merged.prefix(limit))
            case .pick(let inner, let last, let rest):
                let found = evaluate(inner, from: context, limit: last ? .max : 1)
                guard let picked = last ? found.last : found.first else { return [] }
                guard let rest else { return [picked] }
                return select(rest, from: picked, limit: limit)
            }
        }

        private static func merge(_ lhs: [xmlNodePtr], _ rhs: [xmlNodePtr]) -> [xmlNodePtr] {
            if lhs.isEmpty { return rhs }
            if rhs.isEmpty { return lhs }
            var result: [xmlNodePtr] = []
            result.reserveCapacity(lhs.count + rhs.count)
            var left = 0
            var right = 0
            while left < lhs.count, right < rhs.count {
                if lhs[left] == rhs[right] {
                    result.append(lhs[left])
                    left += 1
                    right += 1
                } else if xmlXPathCmpNodes(lhs[left], rhs[right]) == 1 {
                    result.append(lhs[left])
                    left += 1
                } else {
                    result.append(rhs[right])
                    right += 1
                }
            }
            result += lhs[left...]
            result += rhs[right...]
            return result
        }
    }
}

extension FastPath {
    /// A parsed `FastPath` lowered to flat tables of plain values, so that walking a tree copies no
    /// reference-counted value per node.
    ///
    /// `@unchecked Sendable`: immutable after `init`; the bytes it points into are owned by `storage`.
    final class Program: @unchecked Sendable {
        struct StepCode {
            var axis: Step.Axis
            var abbreviatedDescendant: Bool
            var name: FastPath.Bytes?
            var predicates: Range<Int>
            var position: Step.Position?
            var anyNode: Bool
        }

        struct PathCode {
            var absolute: Bool
            var steps: Range<Int>
        }

        enum PredicateCode {
            case and(Range<Int>)
            case or(Range<Int>)
            case not(Int)
            case constant(Bool)
            case exists(PathCode)
            case contains(Int, FastPath.Bytes)
            case startsWith(Int, FastPath.Bytes)
            case equals(Int, FastPath.Bytes, negated: Bool)
            case attributeEquals(FastPath.Bytes, FastPath.Bytes, negated: Bool)
            case hasToken(FastPath.Bytes, FastPath.Bytes)
        }

        enum StringCode {
            case attribute(FastPath.Bytes)
            case this
            case normalized(Int)
            case concat(Range<Int>)
            case literal(FastPath.Bytes)
        }

        enum Root {
            case union([PathCode])
            indirect case pick(Root, last: Bool, rest: PathCode?)
        }

        enum TopCode {
            case nodes(Root)
            case string(Int)
            case boolean(Int)
            case count(Root)
        }

        enum ValueCode {
            case literal(FastPath.Bytes)
            case first(Root)
            case normalized(Int)
            case substringAfter(Int, FastPath.Bytes)
            case substringBefore(Int, FastPath.Bytes)
            case concat(Range<Int>)
        }

        enum BooleanCode {
            case and(Range<Int>)
            case or(Range<Int>)
            case not(Int)
            case exists(Root)
            case count(Root, BooleanExpression.Comparison, Int)
        }

        private(set) var steps: [StepCode] = []
        private(set) var predicates: [PredicateCode] = []
        /// Operands of `and`, `or`, `concat`: indices into `predicates` or `strings`.
        private(set) var operands: [Int] = []
        private(set) var strings: [StringCode] = []
        private(set) var values: [ValueCode] = []
        private(set) var booleans: [BooleanCode] = []
        private(set) var top: TopCode = .nodes(.union([]))
        /// Whether some node set is a union (merged by libxml2's element numbering).
        private(set) var hasUnion = false
        private var storage: [UnsafeMutableBufferPointer<UInt8>] = []

        init(_ top: Top) {
            switch top {
            case .nodes(let expression): self.top = .nodes(lower(expression))
            case .string(let value): self.top = .string(lower(value))
            case .boolean(let boolean): self.top = .boolean(lower(boolean))
            case .count(let expression): self.top = .count(lower(expression))
            }
        }

        private func lower(_ value: ValueExpression) -> Int {
            let code: ValueCode
            switch value {
            case .literal(let literal): code = .literal(bytes(literal))
            case .first(let expression): code = .first(lower(expression))
            case .normalized(let inner): code = .normalized(lower(inner))
            case .substringAfter(let inner, let literal): code = .substringAfter(lower(inner), bytes(literal))
            case .substringBefore(let inner, let literal): code = .substringBefore(lower(inner), bytes(literal))
            case .concat(let parts): code = .concat(operandRange(parts.map { lower($0) }))
            }
            values.append(code)
            return values.count - 1
        }

        private func lower(_ boolean: BooleanExpression) -> Int {
            let code: BooleanCode
            switch boolean {
            case .and(let terms): code = .and(operandRange(terms.map { lower($0) }))
            case .or(let terms): code = .or(operandRange(terms.map { lower($0) }))
            case .not(let inner): code = .not(lower(inner))
            case .exists(let expression): code = .exists(lower(expression))
            case .count(let expression, let comparison, let number): code = .count(lower(expression), comparison, number)
            }
            booleans.append(code)
            return booleans.count - 1
        }

        deinit {
            for buffer in storage { buffer.deallocate() }
        }

        private func lower(_ expression: Expression) -> Root {
            switch expression {
            case .union(let paths):
                if paths.count > 1 { hasUnion = true }
                return .union(paths.map(lower))
            case .pick(let inner, let last, let rest):
                let rest = rest.isEmpty ? nil : lower(LocationPath(absolute: false, steps: rest))
                return .pick(lower(inner), last: last, rest: rest)
            }
        }

        private func lower(_ path: LocationPath) -> PathCode {
            // A path's steps sit together; predicates lowered first may add the steps of inner paths.
            let lowered = path.steps.map { step in
                StepCode(
                    axis: step.axis, abbreviatedDescendant: step.abbreviatedDescendant, name: step.name.map(bytes),
                    predicates: lower(step.predicates), position: step.position, anyNode: step.anyNode)
            }
            let start = steps.count
            steps += lowered
            return PathCode(absolute: path.absolute, steps: start..<steps.count)
        }

        private func lower(_ list: [Predicate]) -> Range<Int> {
            let lowered = list.map(lower)
            let start = predicates.count
            predicates += lowered
            return start..<predicates.count
        }

        private func lower(_ predicate: Predicate) -> PredicateCode {
            switch predicate {
            case .and(let terms): return .and(operandRange(terms.map { add(lower($0)) }))
            case .or(let terms): return .or(operandRange(terms.map { add(lower($0)) }))
            case .not(let inner): return .not(add(lower(inner)))
            case .constant(let value): return .constant(value)
            case .exists(let path): return .exists(lower(path))
            case .contains(let value, let literal): return .contains(lower(value), bytes(literal))
            case .startsWith(let value, let literal): return .startsWith(lower(value), bytes(literal))
            case .equals(let value, let literal, let negated): return .equals(lower(value), bytes(literal), negated: negated)
            case .attributeEquals(let name, let literal, let negated):
                return .attributeEquals(bytes(name), bytes(literal), negated: negated)
            case .hasToken(let name, let token): return .hasToken(bytes(name), bytes(token))
            }
        }

        private func lower(_ value: StringValue) -> Int {
            let code: StringCode
            switch value {
            case .attribute(let name): code = .attribute(bytes(name))
            case .this: code = .this
            case .normalized(let inner): code = .normalized(lower(inner))
            case .concat(let parts): code = .concat(operandRange(parts.map(lower)))
            case .literal(let literal): code = .literal(bytes(literal))
            }
            strings.append(code)
            return strings.count - 1
        }

        private func add(_ predicate: PredicateCode) -> Int {
            predicates.append(predicate)
            return predicates.count - 1
        }

        private func operandRange(_ indices: [Int]) -> Range<Int> {
            let start = operands.count
            operands += indices
            return start..<operands.count
        }

        /// A copy of `bytes` the program owns; a name keeps its NUL terminator out of `count`.
        private func bytes(_ source: [UInt8]) -> FastPath.Bytes {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
            _ = buffer.initialize(from: source)
            if source.isEmpty { buffer[0] = 0 }
            storage.append(buffer)
            let count = source.last == 0 ? source.count - 1 : source.count
            return FastPath.Bytes(start: UnsafePointer(buffer.baseAddress!), count: count)
        }
    }
}

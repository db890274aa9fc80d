internal import CLibXML2

extension FastPath {
    /// What a `FastPath` is.
    indirect enum Expression: Sendable {
        /// Paths whose results are merged in document order.
        case union([LocationPath])
        /// `(inner)[1]` or `(inner)[last()]`, then `rest` from that node.
        case pick(Expression, last: Bool, rest: [Step])
    }

    /// What a whole query is.
    enum Top: Sendable {
        case nodes(Expression)
        case string(ValueExpression)
        case boolean(BooleanExpression)
        /// `count(nodes)`
        case count(Expression)
    }

    /// A string-valued query: string functions over literals and node sets (a node set's string is its
    /// first node's).
    indirect enum ValueExpression: Sendable {
        case literal([UInt8])
        case first(Expression)
        case normalized(ValueExpression)
        case substringAfter(ValueExpression, [UInt8])
        case substringBefore(ValueExpression, [UInt8])
        case concat([ValueExpression])
    }

    /// A boolean-valued query.
    indirect enum BooleanExpression: Sendable {
        case and([BooleanExpression])
        case or([BooleanExpression])
        case not(BooleanExpression)
        case exists(Expression)
        /// `count(nodes) op number`
        case count(Expression, Comparison, Int)

        enum Comparison: Sendable { case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual }
    }

    struct LocationPath: Sendable {
        var absolute: Bool
        var steps: [Step]
    }

    struct Step: Sendable {
        enum Axis: Sendable {
            case child, descendant, this, parent, ancestor, followingSibling, precedingSibling, attribute
        }

        var axis: Axis
        /// `//name`: `descendant-or-self::node()/child::name`, so a position counts among siblings.
        var abbreviatedDescendant = false
        /// The name to match; nil for `*`.
        var name: [xmlChar]?
        var predicates: [Predicate] = []
        /// `[1]` or `[last()]` after the other predicates.
        var position: Position?
        /// `..`: the parent whatever its type (the document node too).
        var anyNode = false

        enum Position: Sendable { case first, last }
    }

    indirect enum Predicate: Sendable {
        case and([Predicate])
        case or([Predicate])
        case not(Predicate)
        case constant(Bool)
        /// A relative path selects something.
        case exists(LocationPath)
        /// `contains(s, literal)`
        case contains(StringValue, [UInt8])
        /// `starts-with(s, literal)`
        case startsWith(StringValue, [UInt8])
        /// `s = literal` or `s != literal` with `s` a string.
        case equals(StringValue, [UInt8], negated: Bool)
        /// `@a = literal` / `@a != literal`: true for some attribute `a`, so false without one.
        case attributeEquals([xmlChar], [UInt8], negated: Bool)
        /// `contains(concat(' ', normalize-space(@a), ' '), ' token ')`: `token` is one of the words of `@a`.
        case hasToken([xmlChar], [UInt8])
    }

    indirect enum StringValue: Sendable {
        /// The value of an attribute, or "" when there is none.
        case attribute([xmlChar])
        /// The string value of the node: its text.
        case this
        case normalized(StringValue)
        case concat([StringValue])
        case literal([UInt8])
    }
}

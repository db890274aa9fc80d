import Model

/// What schema.org markup (JSON-LD or microdata) on a page says about its discussion:
/// a `DiscussionForumPosting` (or `QAPage`/`Question`, `SocialMediaPosting`, `Article` with
/// comments) and its `Comment`s / answers.
struct StructuredThread: Sendable, Equatable {
    /// `headline` or `name` (the page's `og:title` or `<title>` when the markup names none but has posts).
    var title: String?
    /// `url` / `mainEntityOfPage` / `discussionUrl`, absolute.
    var url: String?
    /// `sharedContent` (a URL, or a `WebPage`/`Article` with a `url`): the story link, absolute.
    var story: String?
    /// The posting's `interactionStatistic` (`CommentAction`/`ReplyAction` → replies, `LikeAction`/
    /// `AgreeAction` → recommendations, `ViewAction` → views), `commentCount` (a question's
    /// `answerCount`), `upvoteCount` (→ score). Empty when each post is a posting of its own
    /// (Discourse's older crawler view), since the first posting's counts are then only its own.
    var counts = Counts()
    /// The posting itself first (when it carries an author or text), then its comments depth first
    /// (nested ones with `parent` and `depth`), or a question's answers (accepted first, or in page
    /// order for microdata) with their comments in `comments`; then postings, comments and answers
    /// that stand alone at the top level.
    var posts: [Post] = []
}

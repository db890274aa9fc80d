import Model

/// What schema.org markup (JSON-LD or microdata) on a page says about its discussion:
/// a `DiscussionForumPosting` (or `QAPage`/`Question`, `SocialMediaPosting`, `Article` with
/// comments) and its `Comment`s / answers.
struct StructuredThread: Sendable, Equatable {
    /// `headline` or `name`.
    var title: String?
    /// `url` / `mainEntityOfPage`.
    var url: String?
    /// `sharedContent` / `mainEntity.url` pointing off-site: the story link.
    var story: String?
    /// `interactionStatistic` (`CommentAction`/`ReplyAction` → replies, `LikeAction` → recommendations,
    /// `ViewAction` → views), `commentCount`, `answerCount`, `upvoteCount`.
    var counts = Counts()
    /// The posting itself first (when it carries an author or text), then its comments in order.
    var posts: [Post] = []
}

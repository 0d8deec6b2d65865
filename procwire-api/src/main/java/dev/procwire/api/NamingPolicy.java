package dev.procwire.api;

/**
 * How {@link WireNaming} turns a Java name into a wire name.
 *
 * <p>A Java name is first split into words: underscores separate words (and are dropped), and a new
 * word starts at an upper-case letter that follows a lower-case letter or a digit, or that is followed
 * by a lower-case letter and follows an upper-case one. So {@code userId} is <i>user, id</i>,
 * {@code HTTPServer} is <i>http, server</i>, {@code IN_REVIEW} is <i>in, review</i> and
 * {@code line2Text} is <i>line2, text</i>. The policy then joins the words.
 */
public enum NamingPolicy {

    /** Lower-case words joined by {@code _}: {@code userId} → {@code user_id}, {@code IN_REVIEW} → {@code in_review}. */
    SNAKE_CASE,

    /** Lower-case words joined by {@code -}: {@code userId} → {@code user-id}, {@code IN_REVIEW} → {@code in-review}. */
    KEBAB_CASE,

    /**
     * The first word lower-case, each later one capitalised, joined: {@code user_id} → {@code userId},
     * {@code IN_REVIEW} → {@code inReview}, {@code HTTPServer} → {@code httpServer}.
     */
    LOWER_CAMEL_CASE
}

package golden.catalog;

public enum Category {
    BOOKS, MUSIC, GAMES
}

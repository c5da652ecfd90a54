package studio.nada.ui.viewmodel;

/** A message for the user (shown as a notification): what happened, in words, never a stack trace. */
public record Notice(Kind kind, String title, String text) {
    public enum Kind { INFO, WARNING, ERROR }

    public static Notice error(String title, String text) {
        return new Notice(Kind.ERROR, title, text);
    }

    public static Notice warning(String title, String text) {
        return new Notice(Kind.WARNING, title, text);
    }

    public static Notice info(String title, String text) {
        return new Notice(Kind.INFO, title, text);
    }

    /** What went wrong inside a future's CompletionException (the exception itself when not wrapped). */
    static Throwable cause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}

package dev.zielmonitor.publisher;

/** A file, mapping or setting the tool cannot work with at all (exit code 2), in German and English. */
public class FileProblem extends RuntimeException {

    private final String german;

    public FileProblem(String german, String english) {
        super(english);
        this.german = german;
    }

    public String german() {
        return german;
    }

    public String english() {
        return getMessage();
    }
}

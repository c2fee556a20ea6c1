package io.cgscope.scenario;

/** The release rules a simulated kernel follows: today's kernel, or the 2007 commit that began them. */
public enum Rules {
    TODAY("today", "today's rules"),
    Y2007("2007", "the 2007 rules");

    private final String word;
    private final String described;

    Rules(String word, String described) {
        this.word = word;
        this.described = described;
    }

    /** As written on the command line and in a scenario's {@code rules} line. */
    public String word() {
        return word;
    }

    public String described() {
        return described;
    }

    /** The rules named {@code word}, or null. */
    public static Rules of(String word) {
        for (Rules r : values()) {
            if (r.word.equals(word)) {
                return r;
            }
        }
        return null;
    }
}

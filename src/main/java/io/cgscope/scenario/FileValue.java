package io.cgscope.scenario;

/** The value {@code expect file} compares: a flag file's one word, or one key of a "key value" file. */
final class FileValue {
    private FileValue() {
    }

    /** The trimmed text, or with {@code key} the value on the line that starts with it (null: no such line). */
    static String of(String text, String key) {
        if (key == null) {
            return text.strip();
        }
        for (String line : text.split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && kv[0].equals(key)) {
                return kv[1];
            }
        }
        return null;
    }
}

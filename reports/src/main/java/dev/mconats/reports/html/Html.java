package dev.mconats.reports.html;

/** Escaping for text and attribute values; embedded JSON is made safe for a script element. */
public final class Html {
    private Html() {
    }

    public static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** JSON inside {@code <script type="application/json">}: only "</" could end the element early. */
    public static String scriptJson(String json) {
        return json.replace("</", "<\\/");
    }

    /** An id usable in HTML ids and URL fragments. */
    public static String anchor(String runId) {
        return "run-" + runId.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}

package dev.beton.plays;

/**
 * A play as Markdown: for a download, or as the note on the Attio deal. Points carry their fact
 * ids in brackets; the cited facts follow under the text.
 */
final class PlayMarkdown {

    private PlayMarkdown() {}

    static String of(SalesPlay play) {
        StringBuilder md = new StringBuilder();
        md.append("# Sales play: ").append(escape(play.companyName()));
        if (!play.companyName().equals(play.accountKey())) {
            md.append(" (").append(escape(play.accountKey())).append(')');
        }
        md.append("\n\nAs of ")
                .append(FactSheet.minute(play.asOf()))
                .append(" · written by ")
                .append(play.writer().equals(TemplatePlay.WRITER) ? "Beton's templates" : play.writer())
                .append(" from Beton's facts only.\n");
        for (SalesPlay.Section section : play.sections()) {
            md.append("\n## ").append(section.title()).append("\n\n");
            for (SalesPlay.Point point : section.points()) {
                md.append("- ").append(escape(point.text()));
                if (!point.facts().isEmpty()) {
                    md.append(" [").append(String.join(", ", point.facts())).append(']');
                }
                md.append('\n');
            }
        }
        md.append("\n## Facts cited\n\n");
        for (Fact fact : play.cited()) {
            md.append("- **")
                    .append(fact.id())
                    .append("** ")
                    .append(escape(fact.text()))
                    .append('\n');
        }
        return md.toString();
    }

    /** Event data and CRM values reach the text: keep them from turning into Markdown links or HTML. */
    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace("<", "&lt;")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace("\n", " ");
    }
}

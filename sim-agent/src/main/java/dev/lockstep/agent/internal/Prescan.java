package dev.lockstep.agent.internal;

import java.nio.charset.StandardCharsets;

/**
 * A cheap first look at a class file: whether its bytes mention any owner that {@link Rules}
 * rewrites. Most classes do not, and are then not parsed at all.
 */
final class Prescan {
    private static final String[] NEEDLES = Rules.needles().toArray(String[]::new);

    private Prescan() {
    }

    static boolean mayNeedRewrite(byte[] classFile) {
        // Class and member names are stored as (modified) UTF-8; the owners are ASCII, so a
        // Latin-1 view of the bytes contains them exactly where the class file does.
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        for (String needle : NEEDLES) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}

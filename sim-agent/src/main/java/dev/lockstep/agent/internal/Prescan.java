package dev.lockstep.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A cheap first look at a class file: whether its bytes mention an owner that {@link Rules}
 * rewrites together with the name of one of its rewritten methods. Most classes do not, and are
 * then neither parsed nor, when already loaded, retransformed.
 */
final class Prescan {
    private static final Map<String, Set<String>> NEEDLES = Rules.needles();

    private Prescan() {
    }

    static boolean mayNeedRewrite(byte[] classFile) {
        // Class and member names are stored as (modified) UTF-8; the owners are ASCII, so a
        // Latin-1 view of the bytes contains them exactly where the class file does.
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, Set<String>> owner : NEEDLES.entrySet()) {
            if (!text.contains(owner.getKey())) {
                continue;
            }
            for (String name : owner.getValue()) {
                if (name.equals("<init>") || text.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}

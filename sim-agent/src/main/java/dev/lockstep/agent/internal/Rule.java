package dev.lockstep.agent.internal;

import dev.lockstep.agent.internal.calls.EscapeKind;
import net.bytebuddy.jar.asm.Type;

/**
 * One rewrite: calls of {@code owner.name desc} become calls of a handler that takes the same
 * arguments (the receiver first, for an instance method) and the call site's number last; a
 * constructor call {@code new owner(..)} becomes {@code new replacement(.., site)}.
 *
 * @param kind        how the call is made
 * @param owner       internal name of the class named at the call site, or {@code "*"} for any
 *                    (methods final in {@code Object}, such as {@code wait})
 * @param name        the method's name ({@code <init>} for a constructor)
 * @param desc        the method's descriptor
 * @param handler     internal name of the handler's class (for a constructor: the replacement class)
 * @param handlerName the handler method's name (ignored for a constructor)
 * @param handlerDesc the handler's descriptor (for a constructor: the replacement's constructor)
 * @param castTo      internal name to cast the handler's result to, or null
 * @param escape      what kind of escape the call is
 * @param call        the call as people read it, such as {@code java.lang.System.nanoTime()}
 */
record Rule(Kind kind, String owner, String name, String desc, String handler, String handlerName,
        String handlerDesc, String castTo, EscapeKind escape, String call) {

    /** How the rewritten call is made. */
    enum Kind {
        /** {@code invokestatic}. */
        STATIC,
        /** {@code invokevirtual} or {@code invokeinterface}. */
        INSTANCE,
        /** {@code new} paired with {@code invokespecial <init>}. */
        CONSTRUCTOR
    }

    /** The lookup key of a call: {@code owner.name desc}. */
    static String key(String owner, String name, String desc) {
        return owner + '.' + name + desc;
    }

    String key() {
        return key(owner, name, desc);
    }

    /** {@code java.lang.System.nanoTime()} for owner {@code java/lang/System}, name and descriptor. */
    static String display(String owner, String name, String desc) {
        StringBuilder sb = new StringBuilder();
        String cls = owner.equals("*") ? "java.lang.Object" : owner.replace('/', '.').replace('$', '.');
        sb.append(name.equals("<init>") ? "new " + cls : cls + "." + name).append('(');
        Type[] args = Type.getArgumentTypes(desc);
        for (int i = 0; i < args.length; i++) {
            String n = args[i].getClassName();
            sb.append(i > 0 ? ", " : "").append(n.substring(n.lastIndexOf('.') + 1));
        }
        return sb.append(')').toString();
    }

    /** A handler descriptor: the call's arguments, the receiver ({@code receiver}) first if not null, the site last. */
    static String handlerDesc(String receiver, String desc, String returns) {
        StringBuilder sb = new StringBuilder("(");
        if (receiver != null) {
            sb.append('L').append(receiver).append(';');
        }
        sb.append(desc, 1, desc.indexOf(')')).append("I)");
        sb.append(returns != null ? returns : desc.substring(desc.indexOf(')') + 1));
        return sb.toString();
    }
}

package dev.lockstep.agent.internal;

import dev.lockstep.agent.internal.calls.CallSites;
import java.util.ArrayDeque;
import java.util.Deque;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Replaces the calls of {@link Rules} in one class, registering each site in {@link CallSites}
 * with its class, method, file and line.
 *
 * <h2>Constructors</h2>
 * {@code new T(args)} compiles to {@code NEW T; DUP; args; INVOKESPECIAL T.<init>}. The rewriter
 * keeps a stack of the {@code NEW}s it passed in the method, and an {@code INVOKESPECIAL <init>}
 * of the type on top is the one that pairs with it; a {@code super(..)} or {@code this(..)} call
 * has no {@code NEW} of its own and is left alone. The replacement is a subclass, so stack map
 * frames that name {@code T} stay valid.
 *
 * <h2>Method references</h2>
 * An unbound static method reference to a rewritten method ({@code Thread::sleep},
 * {@code System::nanoTime}) compiles to an {@code invokedynamic} of {@code LambdaMetafactory}
 * with no captured value. The rewriter pushes the site, makes the lambda capture it, and points
 * the lambda at the handler's {@code Ref} form, which takes the site first.
 */
final class CallSiteRewriter extends ClassVisitor {
    private final ClassLoader loader;
    private String className = "?";
    private String sourceFile;
    private boolean changed;
    private Hierarchy hierarchy;

    CallSiteRewriter(ClassVisitor next, ClassLoader loader) {
        super(Opcodes.ASM9, next);
        this.loader = loader;
    }

    boolean changed() {
        return changed;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        hierarchy = new Hierarchy(loader, name, superName);
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        return new Method(super.visitMethod(access, name, desc, signature, exceptions), name);
    }

    private final class Method extends MethodVisitor {
        private final String methodName;
        private int line = -1;
        /** The NEWs passed and not yet initialized: the replacement type, or null if not replaced. */
        private final Deque<String[]> news = new ArrayDeque<>();

        Method(MethodVisitor next, String methodName) {
            super(Opcodes.ASM9, next);
            this.methodName = methodName;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW) {
                Rule r = Rules.constructorOf(type);
                news.push(new String[] {type, r != null ? r.handler() : null});
                if (r != null) {
                    super.visitTypeInsn(opcode, r.handler());
                    return;
                }
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
                String[] pending = news.peek();
                if (pending != null && pending[0].equals(owner)) {
                    news.pop();
                    Rule r = pending[1] != null ? Rules.find(owner, name, desc) : null;
                    if (r != null) {
                        pushSite(r);
                        super.visitMethodInsn(Opcodes.INVOKESPECIAL, r.handler(), "<init>", r.handlerDesc(), false);
                        return;
                    }
                    if (pending[1] != null) {
                        // A constructor of a replaced type without a rule: the NEW was already
                        // replaced, so call the replacement's constructor of the same descriptor.
                        super.visitMethodInsn(opcode, pending[1], name, desc, false);
                        return;
                    }
                }
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                return;
            }
            Rule r = opcode == Opcodes.INVOKESTATIC ? Rules.findStatic(owner, name, desc)
                    : opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE
                            ? hierarchy.findInstance(owner, name, desc) : null;
            if (r == null) {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                return;
            }
            pushSite(r);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, r.handler(), r.handlerName(), r.handlerDesc(), false);
            if (r.castTo() != null) {
                super.visitTypeInsn(Opcodes.CHECKCAST, r.castTo());
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
            if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory") && desc.startsWith("()") && args.length >= 3
                    && args[1] instanceof Handle impl && impl.getTag() == Opcodes.H_INVOKESTATIC) {
                Rule r = Rules.findReference(impl.getOwner(), impl.getName(), impl.getDesc());
                if (r != null) {
                    pushSite(r);
                    Object[] changed = args.clone();
                    changed[1] = new Handle(Opcodes.H_INVOKESTATIC, r.handler(), r.handlerName() + "Ref",
                            "(I" + impl.getDesc().substring(1), false);
                    super.visitInvokeDynamicInsn(name, "(I" + desc.substring(1), bsm, changed);
                    return;
                }
            }
            super.visitInvokeDynamicInsn(name, desc, bsm, args);
        }

        private void pushSite(Rule r) {
            changed = true;
            String where = className.replace('/', '.') + "." + methodName + "("
                    + (sourceFile != null ? sourceFile : "Unknown Source") + (line >= 0 ? ":" + line : "") + ")";
            int site = CallSites.register(r.call(), where, r.escape());
            if (site <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, site);
            } else {
                super.visitLdcInsn(site);
            }
        }
    }
}

package dev.lockstep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ShallowCopyTest {

    static class Base {
        private final String name;

        Base(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    static final class Derived extends Base {
        final List<String> items = new ArrayList<>();
        int count;

        Derived(String name) {
            super(name);
            throw new AssertionError("a copy must not run the constructor");
        }
    }

    record Pair(String a, List<String> b) {}

    @Test
    void copiesEveryInstanceFieldIncludingInheritedAndFinalOnesWithoutRunningAConstructor() throws Exception {
        Derived original = (Derived) allocateViaCopyOfAPrototype();
        Derived copy = ShallowCopy.of(original);
        assertNotSame(original, copy);
        assertEquals(original.name(), copy.name());
        assertSame(original.items, copy.items, "shallow: the same list");
        assertEquals(3, copy.count);
    }

    /** Builds a Derived without its throwing constructor, then fills it in reflectively. */
    private static Object allocateViaCopyOfAPrototype() throws Exception {
        Derived d = ShallowCopy.of(prototype());
        var name = Base.class.getDeclaredField("name");
        name.setAccessible(true);
        name.set(d, "parser");
        var items = Derived.class.getDeclaredField("items");
        items.setAccessible(true);
        items.set(d, new ArrayList<>(List.of("x")));
        d.count = 3;
        return d;
    }

    private static Derived prototype() {
        try {
            var unsafe = Class.forName("sun.misc.Unsafe");
            var f = unsafe.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Derived) unsafe.getMethod("allocateInstance", Class.class).invoke(f.get(null), Derived.class);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void copiesARecordThroughItsCanonicalConstructor() {
        Pair p = new Pair("a", new ArrayList<>());
        Pair copy = ShallowCopy.of(p);
        assertNotSame(p, copy);
        assertEquals(p, copy);
        assertSame(p.b(), copy.b());
    }

    @Test
    void refusesLambdasAndJdkClassesSayingWhy() {
        Supplier<String> lambda = () -> "x";
        assertFalse(ShallowCopy.canCopy(lambda.getClass()));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ShallowCopy.of(lambda));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        assertFalse(ShallowCopy.canCopy(ArrayList.class));
        assertTrue(ShallowCopy.canCopy(Pair.class));
    }
}

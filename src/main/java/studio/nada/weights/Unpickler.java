package studio.nada.weights;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.weights.PickleGlobals.Global;

/**
 * A restricted pickle machine (protocols 0-5, the opcodes checkpoints use). It builds plain data:
 * dicts become {@link LinkedHashMap}s, lists and tuples {@link List}s, ints {@link Long} (or
 * {@link BigInteger}), floats {@link Double}, strings {@link String}, bytes {@code byte[]}. Globals
 * come only from {@link PickleGlobals}; REDUCE, NEWOBJ and BUILD act only on those, interpreted
 * here, so nothing from the file is ever executed.
 */
final class Unpickler {
    /** Resolves a persistent id (a storage reference) to an object. */
    interface PersistentLoader {
        Object load(Object pid) throws WeightsFormatException;
    }

    private final ByteBuffer in;
    private final PickleGlobals globals;
    private final PersistentLoader persistent;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /** Reads one pickle from {@code in} at its position; leaves the position after STOP. */
    Unpickler(ByteBuffer in, PickleGlobals globals, PersistentLoader persistent) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.globals = globals;
        this.persistent = persistent;
    }

    Object load() throws WeightsFormatException {
        int start = in.position();
        try {
            while (true) {
                int op = in.get() & 0xff;
                if (op == '.') {
                    if (stack.size() != 1) {
                        throw new WeightsFormatException("pickle ends with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                step(op);
            }
        } catch (BufferUnderflowException e) {
            throw new WeightsFormatException("pickle is truncated (ends at byte " + (in.position() - start) + ")");
        } catch (WeightsFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WeightsFormatException("corrupt pickle at byte " + (in.position() - start - 1) + ": " + e, e);
        }
    }

    private void step(int op) throws WeightsFormatException {
        switch (op) {
            case 0x80 -> in.get(); // PROTO
            case 0x95 -> in.getLong(); // FRAME: frames are only a read-ahead hint
            case '(' -> marks.add(stack.size());
            case '0' -> pop();
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'J' -> push((long) in.getInt());
            case 'K' -> push((long) (in.get() & 0xff));
            case 'M' -> push((long) (in.getShort() & 0xffff));
            case 0x8a -> push(readLong(in.get() & 0xff));
            case 0x8b -> push(readLong(length(in.getInt())));
            case 'I' -> push(parseInt(readLine()));
            case 'L' -> push(parseLong(readLine()));
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
            case 'F' -> push(Double.parseDouble(readLine()));
            case 'X' -> push(utf8(length(in.getInt())));
            case 0x8c -> push(utf8(in.get() & 0xff));
            case 0x8d -> push(utf8(length(in.getLong())));
            case 'V' -> push(readLine());
            case 'T' -> push(text8(length(in.getInt())));
            case 'U' -> push(text8(in.get() & 0xff));
            case 'S' -> push(unquote(readLine()));
            case 'B' -> push(bytes(length(in.getInt())));
            case 'C' -> push(bytes(in.get() & 0xff));
            case 0x8e, 0x96 -> push(bytes(length(in.getLong())));
            case ')' -> push(Collections.emptyList());
            case 't' -> push(tuple(popMark()));
            case 0x85 -> push(tuple(popN(1)));
            case 0x86 -> push(tuple(popN(2)));
            case 0x87 -> push(tuple(popN(3)));
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(popMark()));
            case 'a' -> appendAll(Collections.singletonList(pop()));
            case 'e' -> appendAll(popMark());
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> push(setItems(new LinkedHashMap<>(), popMark()));
            case 's' -> {
                Object value = pop();
                Object key = pop();
                setItems(asMap(peek()), java.util.Arrays.asList(key, value));
            }
            case 'u' -> {
                List<Object> items = popMark();
                setItems(asMap(peek()), items);
            }
            case 0x8f -> push(new ArrayList<>()); // EMPTY_SET: sets become lists
            case 0x90 -> appendAll(popMark()); // ADDITEMS
            case 0x91 -> push(new ArrayList<>(popMark())); // FROZENSET
            case 'c' -> {
                String module = readLine();
                push(globals.resolve(module, readLine()));
            }
            case 0x93 -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new WeightsFormatException("STACK_GLOBAL needs two strings, got " + module + ", " + name);
                }
                push(globals.resolve(m, n));
            }
            case 'R' -> {
                Object args = pop();
                push(PickleCalls.call(asGlobal(pop(), "REDUCE"), asList(args)));
            }
            case 0x81 -> {
                Object args = pop();
                push(PickleCalls.call(asGlobal(pop(), "NEWOBJ"), asList(args)));
            }
            case 0x92 -> { // NEWOBJ_EX: keyword arguments are not used by anything whitelisted
                pop();
                Object args = pop();
                push(PickleCalls.call(asGlobal(pop(), "NEWOBJ_EX"), asList(args)));
            }
            case 'i' -> { // INST
                String module = readLine();
                Global cls = globals.resolve(module, readLine());
                push(PickleCalls.call(cls, popMark()));
            }
            case 'o' -> { // OBJ
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw new WeightsFormatException("OBJ without a class");
                }
                push(PickleCalls.call(asGlobal(items.get(0), "OBJ"), items.subList(1, items.size())));
            }
            case 'b' -> {
                Object state = pop();
                PickleCalls.build(peek(), state);
            }
            case 'Q' -> push(persistent.load(pop()));
            case 'P' -> push(persistent.load(readLine()));
            case 'h' -> push(get(in.get() & 0xff));
            case 'j' -> push(get(in.getInt() & 0xffffffffL));
            case 'g' -> push(get(Long.parseLong(readLine())));
            case 'q' -> memo.put((long) (in.get() & 0xff), peek());
            case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
            case 'p' -> memo.put(Long.parseLong(readLine()), peek());
            case 0x94 -> memo.put((long) memo.size(), peek());
            default -> throw new WeightsFormatException(String.format(
                    "unsupported pickle opcode 0x%02x at byte %d", op, in.position() - 1));
        }
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws WeightsFormatException {
        if (stack.isEmpty() || (!marks.isEmpty() && stack.size() <= marks.get(marks.size() - 1))) {
            throw new WeightsFormatException("unpickling stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws WeightsFormatException {
        if (stack.isEmpty()) {
            throw new WeightsFormatException("unpickling stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) throws WeightsFormatException {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return java.util.Arrays.asList(items);
    }

    private List<Object> popMark() throws WeightsFormatException {
        if (marks.isEmpty()) {
            throw new WeightsFormatException("pickle uses a MARK that was never set");
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> top = stack.subList(at, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object get(long index) throws WeightsFormatException {
        if (!memo.containsKey(index)) {
            throw new WeightsFormatException("pickle refers to memo entry " + index + ", which was never stored");
        }
        return memo.get(index);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private void appendAll(List<Object> items) throws WeightsFormatException {
        Object target = peek();
        if (!(target instanceof ArrayList<?>)) {
            throw new WeightsFormatException("APPEND to a " + typeName(target));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        list.addAll(items);
    }

    private static Map<Object, Object> setItems(Map<Object, Object> map, List<Object> items)
            throws WeightsFormatException {
        if (items.size() % 2 != 0) {
            throw new WeightsFormatException("SETITEMS with an odd number of values");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) throws WeightsFormatException {
        if (o instanceof LinkedHashMap<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new WeightsFormatException("SETITEM on a " + typeName(o));
    }

    private static List<Object> asList(Object o) throws WeightsFormatException {
        if (o instanceof List<?> l) {
            return Collections.unmodifiableList(l);
        }
        throw new WeightsFormatException("call arguments are a " + typeName(o) + ", not a tuple");
    }

    private static Global asGlobal(Object o, String op) throws WeightsFormatException {
        if (o instanceof Global g) {
            return g;
        }
        throw new WeightsFormatException(op + " on a " + typeName(o) + ", which is not a whitelisted callable");
    }

    static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private int length(long n) throws WeightsFormatException {
        if (n < 0 || n > in.remaining()) {
            throw new WeightsFormatException("pickle declares a " + n + "-byte value but only " + in.remaining()
                    + " bytes remain");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws WeightsFormatException {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private String utf8(int n) throws WeightsFormatException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    /** Python 2 byte strings: UTF-8 when valid (torch.load's default encoding), else Latin-1. */
    private String text8(int n) throws WeightsFormatException {
        byte[] b = bytes(n);
        String s = new String(b, StandardCharsets.UTF_8);
        return s.indexOf('\uFFFD') >= 0 ? new String(b, StandardCharsets.ISO_8859_1) : s;
    }

    private Object readLong(int n) throws WeightsFormatException {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String readLine() throws WeightsFormatException {
        int start = in.position();
        while (in.get() != '\n') {
            if (in.position() - start > 1 << 16) {
                throw new WeightsFormatException("pickle text line is too long");
            }
        }
        byte[] b = new byte[in.position() - start - 1];
        in.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Object parseInt(String s) {
        return switch (s) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> parseLong(s);
        };
    }

    private static Object parseLong(String s) {
        BigInteger v = new BigInteger(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}

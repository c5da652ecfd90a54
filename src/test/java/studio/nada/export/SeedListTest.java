package studio.nada.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeedListTest {
    @Test
    void rangesAndLists() {
        assertArrayEquals(new long[] {0, 1, 2, 3}, SeedList.parse("0-3"));
        assertArrayEquals(new long[] {1, 5, 9, 10, 11}, SeedList.parse("1, 5,9-11"));
        assertArrayEquals(new long[] {-4}, SeedList.parse("-4"));
    }

    @Test
    void badListsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse(""));
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse("a-b"));
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse("9-1"));
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse("0-999999999"));
    }
}

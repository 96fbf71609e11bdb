package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The process memory limit: where it comes from, and what the per-minibatch check does under and over it. */
class ProcessMemoryLimitTests {

    private static final long MIB = 1024 * 1024;
    private static final long HEAP = 2048 * MIB;

    private static final List<String> PROPERTIES =
            List.of(ProcessMemoryLimit.PROPERTY, "org.bytedeco.javacpp.maxphysicalbytes");

    private final Map<String, String> before = new HashMap<>();

    @BeforeEach
    void saveSystemProperties() {
        PROPERTIES.forEach(name -> before.put(name, System.clearProperty(name)));
    }

    @AfterEach
    void restoreSystemProperties() {
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void theSettingIsTheLimitAndJavacppsCheckIsTurnedOff() {
        new NativeRuntimeSetup().postProcessEnvironment(
                new MockEnvironment().withProperty("tsforge.runtime.max-physical-bytes", " 3g "), null);

        assertThat(System.getProperty(ProcessMemoryLimit.PROPERTY)).isEqualTo("3g");
        assertThat(System.getProperty("org.bytedeco.javacpp.maxphysicalbytes")).isEqualTo("0");
        assertThat(ProcessMemoryLimit.resolve(0, "3g", HEAP, HEAP)).isEqualTo(3072 * MIB);
    }

    @Test
    void aJavacppLimitOnTheCommandLineIsKeptAndIsTheLimit() {
        System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "5g");
        new NativeRuntimeSetup().postProcessEnvironment(new MockEnvironment(), null);

        assertThat(System.getProperty("org.bytedeco.javacpp.maxphysicalbytes")).isEqualTo("5g");
        assertThat(ProcessMemoryLimit.resolve(5120 * MIB, "3g", HEAP, HEAP)).isEqualTo(5120 * MIB);
    }

    @Test
    void withoutASettingTheLimitIsJavacppsDefault() {
        // JavaCPP: its off-heap limit (default: the heap) plus three heaps
        assertThat(ProcessMemoryLimit.resolve(0, "", HEAP, HEAP)).isEqualTo(4 * HEAP);
        assertThat(ProcessMemoryLimit.resolve(0, " ", HEAP, 512 * MIB)).isEqualTo(512 * MIB + 3 * HEAP);
        assertThat(ProcessMemoryLimit.resolve(0, "", HEAP, 0)).isZero();
        assertThat(ProcessMemoryLimit.resolve(0, "0", HEAP, HEAP)).as("0 turns the limit off").isZero();
    }

    @Test
    void underTheLimitNothingIsCollected() {
        AtomicInteger collections = new AtomicInteger();
        ProcessMemoryLimit.check(1000 * MIB, () -> 900 * MIB, collections::incrementAndGet);
        assertThat(collections).hasValue(0);
    }

    @Test
    void overTheLimitGarbageIsCollectedUntilTheProcessIsBackUnder() {
        Deque<Long> readings = new ArrayDeque<>(List.of(1200 * MIB, 1100 * MIB, 950 * MIB));
        AtomicInteger collections = new AtomicInteger();
        ProcessMemoryLimit.check(1000 * MIB, readings::pop, collections::incrementAndGet);
        assertThat(collections).hasValue(2);
        assertThat(readings).isEmpty();
    }

    @Test
    void aProcessThatStaysOverTheLimitStopsTrainingAndSaysWhatToDo() {
        AtomicInteger collections = new AtomicInteger();
        assertThatThrownBy(() -> ProcessMemoryLimit.check(1000 * MIB, () -> 1500 * MIB,
                collections::incrementAndGet))
                .isInstanceOf(ProcessMemoryLimit.ProcessMemoryExceededException.class)
                .hasMessageContaining("1500 MiB of memory, over its limit of 1000 MiB")
                .hasMessageContaining("tsforge.runtime.max-physical-bytes");
        assertThat(collections).hasValue(10);
    }

    @Test
    void noLimitChecksNothing() {
        ProcessMemoryLimit.check(0, () -> {
            throw new AssertionError("read the resident size without a limit");
        }, () -> {
            throw new AssertionError("collected garbage without a limit");
        });
    }
}

package dev.tsforge.model.internal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays kept per shape between training minibatches: reused, two shapes at most, outside workspaces, freed. */
class TrainingBuffersTests {

    private static final class Arrays extends TrainingBuffers.Owned {

        final INDArray array;

        Arrays(long rows) {
            array = own(Nd4j.zeros(DataType.FLOAT, rows, 4));
        }
    }

    private final List<Arrays> made = new ArrayList<>();
    private final TrainingBuffers<Arrays> buffers = new TrainingBuffers<>();

    private Arrays forRows(long rows) {
        return buffers.forShape(() -> {
            Arrays arrays = new Arrays(rows);
            made.add(arrays);
            return arrays;
        }, rows, 4);
    }

    @Test
    void keepsTheArraysOfTheTwoLatestShapes() {
        Arrays full = forRows(32);
        Arrays last = forRows(7);
        assertThat(forRows(32)).isSameAs(full);
        assertThat(forRows(7)).isSameAs(last);
        assertThat(forRows(32)).isSameAs(full);
        assertThat(made).hasSize(2);

        Arrays third = forRows(5);
        assertThat(third.array.shape()).containsExactly(5, 4);
        assertThat(last.array.wasClosed()).as("the shape used longest ago went, its memory freed").isTrue();
        assertThat(full.array.wasClosed()).isFalse();
        assertThat(forRows(32)).isSameAs(full);
        assertThat(made).hasSize(3);
        assertThat(forRows(7)).isNotSameAs(last);
        assertThat(made).hasSize(4);
    }

    @Test
    void makesItsArraysOutsideTheWorkspaceOfTheMinibatch() {
        WorkspaceConfiguration configuration = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace minibatch = Nd4j.getWorkspaceManager()
                .getAndActivateWorkspace(configuration, "TrainingBuffersTests")) {
            assertThat(Nd4j.zeros(DataType.FLOAT, 2, 2).isAttached()).as("inside the workspace").isTrue();
            assertThat(forRows(8).array.isAttached()).isFalse();
        }
        assertThat(forRows(8).array.sumNumber().doubleValue()).as("still usable after it closed").isZero();
    }

    @Test
    void releaseFreesTheArraysAndTheNextPassMakesNewOnes() {
        Arrays first = forRows(16);
        buffers.release();
        assertThat(first.array.wasClosed()).isTrue();
        Arrays next = forRows(16);
        assertThat(next).isNotSameAs(first);
        assertThat(next.array.wasClosed()).isFalse();
    }
}

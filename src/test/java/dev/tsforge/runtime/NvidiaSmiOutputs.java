package dev.tsforge.runtime;

import java.util.List;

/**
 * nvidia-smi outputs for {@link GpuInventory#FIELDS}, the tests' machines. {@link #H200_BRIEF} was recorded on an
 * H200 node (issue #20) for the query {@code name,compute_cap,driver_version}; the others are written in the format
 * nvidia-smi gives for {@code --format=csv,noheader,nounits} with each card's reported memory, not recorded here.
 */
final class NvidiaSmiOutputs {

    static final List<String> BRIEF_FIELDS = List.of("name", "compute_cap", "driver_version");
    static final String H200_BRIEF = "NVIDIA H200, 9.0, 580.159.04\n";

    static final String H200 = "0, GPU-5e3a7c1d-8f42-4b6e-9a11-2c7d0e9f4b30, NVIDIA H200, 9.0, 580.159.04, 143771, 143156\n";
    static final String A100 = "0, GPU-a1b2c3d4-0000-1111-2222-333344445555, NVIDIA A100-SXM4-40GB, 8.0, 535.104.05, 40960, 40327\n";
    static final String L4 = "0, GPU-4c0ffee0-1234-5678-9abc-def012345678, NVIDIA L4, 8.9, 550.54.15, 23034, 22563\n";
    static final String FOUR_A100 = """
            0, GPU-a1b2c3d4-0000-1111-2222-333344445555, NVIDIA A100-SXM4-80GB, 8.0, 535.104.05, 81920, 81037
            1, GPU-a1b2c3d4-0000-1111-2222-333344445556, NVIDIA A100-SXM4-80GB, 8.0, 535.104.05, 81920, 81037
            2, GPU-a1b2c3d4-0000-1111-2222-333344445557, NVIDIA A100-SXM4-80GB, 8.0, 535.104.05, 81920, 60211
            3, GPU-a1b2c3d4-0000-1111-2222-333344445558, NVIDIA A100-SXM4-80GB, 8.0, 535.104.05, 81920, 81037
            """;
    static final String A100_AND_H100 = """
            0, GPU-a1b2c3d4-0000-1111-2222-333344445555, NVIDIA A100 80GB PCIe, 8.0, 550.54.15, 81920, 81050
            1, GPU-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0, NVIDIA H100 PCIe, 9.0, 550.54.15, 81559, 81007
            """;
    /** A Kepler K80 (3.7) with a Maxwell M60 (5.2) and a Pascal P100 (6.0): old, but all in the kernels' range. */
    static final String OLD_GENERATIONS = """
            0, GPU-00000000-0000-0000-0000-000000000037, Tesla K80, 3.7, 470.239.06, 11441, 11373
            1, GPU-00000000-0000-0000-0000-000000000052, Tesla M60, 5.2, 470.239.06, 8129, 8110
            2, GPU-00000000-0000-0000-0000-000000000060, Tesla P100-PCIE-16GB, 6.0, 470.239.06, 16280, 16270
            """;
    static final String MEMORY_NOT_AVAILABLE = "0, GPU-a1b2c3d4-0000-1111-2222-333344445555, NVIDIA A100-SXM4-40GB, 8.0, 535.104.05, [N/A], [N/A]\n";
    static final String NO_DEVICES = "No devices were found\n";
    static final String OLD_DRIVER = "Field \"compute_cap\" is not a valid field to query.\n";

    private NvidiaSmiOutputs() {
    }
}

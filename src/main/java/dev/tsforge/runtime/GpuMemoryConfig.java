package dev.tsforge.runtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The GPU memory the training queue admits jobs against: nvidia-smi's on the CUDA backend, none on the CPU. */
@Configuration
class GpuMemoryConfig {

    @Bean
    GpuMemory gpuMemory(Nd4jRuntime runtime) {
        return runtime.onCuda() ? new NvidiaSmiGpuMemory(NvidiaSmi.system(), System.getenv("CUDA_VISIBLE_DEVICES"))
                : GpuMemory.NOT_ON_GPU;
    }
}

package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import studio.nada.nn.FusedLeakyReLU;
import studio.nada.nn.ModulatedConv2d;
import studio.nada.nn.NoiseInjection;
import studio.nada.nn.ParameterStore;

/** rosinality's StyledConv: modulated conv, then noise, then bias + leaky ReLU ×√2. */
public final class StyledConv {
    private final ModulatedConv2d conv;
    private final NoiseInjection noise;
    private final NDArray activateBias;

    StyledConv(ParameterStore params, String prefix, long in, long out, long styleDim, boolean upsample) {
        this.conv = new ModulatedConv2d(params, prefix + ".conv", in, out, 3, styleDim, true, upsample);
        this.noise = new NoiseInjection(params, prefix + ".noise");
        this.activateBias = params.get(prefix + ".activate.bias", out);
    }

    public ModulatedConv2d conv() {
        return conv;
    }

    /** The noise strength (rosinality's {@code noise.weight}, [1]). */
    public NDArray noiseStrength() {
        return noise.weight();
    }

    public java.util.List<NDArray> arrays() {
        java.util.List<NDArray> out = new java.util.ArrayList<>(conv.arrays());
        out.add(noise.weight());
        out.add(activateBias);
        return out;
    }

    public NDArray forward(NDArray x, NDArray w, NDArray noiseMap) {
        NDArray out = conv.forward(x, w);
        out = noise.forward(out, noiseMap);
        return FusedLeakyReLU.apply(out, activateBias);
    }
}

package studio.nada.weights;

import java.util.Map;

/**
 * A Python object rebuilt as data only: its class name and its attributes (the state its pickle
 * BUILDs). TorchScript modules ({@code __torch__.*}) and {@code argparse.Namespace} become this.
 */
public record PickledObject(String className, Map<String, Object> attributes) {}

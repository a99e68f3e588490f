import Foundation

/// Layers run back to back, each reading only the one before: a Sequential's stack, or a
/// run of a functional graph whose values between layers nothing else reads. Such a run
/// needs no copies between layers (each hands the next its own buffer) and takes the fused
/// kernels: Conv2D → MaxPooling2D pools each image as soon as it is computed, and with ReLU
/// the pooling's backward applies ReLU's mask as it routes.
enum LayerChain {
    static func forward(_ layers: [Layer], _ x: Tensor, training: Bool) -> Tensor {
        var t = x
        var i = 0
        while i < layers.count {
            if i + 1 < layers.count, let conv = layers[i] as? Conv2D, let pool = layers[i + 1] as? MaxPooling2D {
                t = conv.forward(t, thenPool: pool, training: training)
                i += 2
                continue
            }
            t = layers[i].forward(t, training: training)
            i += 1
        }
        return t
    }

    /// dL/d(input) from dL/d(output) after `forward` (a buffer of the first layer's, valid
    /// until its next call); parameter gradients land in each layer's `grad`.
    /// `linearLast`: `dy` is already dL/d(logits) of the last Dense's softmax (the loss fused it).
    static func backward(_ layers: [Layer], _ dy: Tensor, linearLast: Bool = false) -> Tensor {
        var g = dy
        var i = layers.count - 1
        while i >= 0 {
            let l = layers[i]
            if i == layers.count - 1, linearLast, let d = l as? Dense {
                g = d.backwardLinear(g)
            } else if i > 0, let pool = l as? MaxPooling2D, let conv = layers[i - 1] as? Conv2D, conv.activation == .relu {
                // The bias gradient comes from the pooling's (4× smaller) gradient and output.
                let dz = pool.backward(g, afterReLU: true, reluOutput: conv.activatedOutput)
                g = conv.backward(dz, preActivation: true, biasGradFromPooling: (g, pool.pooledOutput))
                i -= 2
                continue
            } else {
                g = l.backward(g)
            }
            i -= 1
        }
        return g
    }
}

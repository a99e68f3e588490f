class Callback:
    def on_epoch_end(self, epoch, logs=None):
        pass
class Printer(Callback):
    def on_epoch_end(self, epoch, logs=None):
        print(f"epoch {epoch}: loss={logs['loss']:.3f}")
def fit(epochs, callbacks):
    loss = 1.0
    for e in range(epochs):
        loss *= 0.5
        for cb in callbacks:
            cb.on_epoch_end(e, {"loss": loss})
fit(3, [Printer(), Callback()])

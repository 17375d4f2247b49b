package org.medgo.gateway.operations.composition;

import org.hl7.fhir.r4.model.Device;
import org.medgo.gateway.operations.model.ModelIdentity;

/** The Device resource that stands for the model (one per model bundle hash, so its id is stable). */
public final class ModelDevice {

    public static final String BUNDLE_HASH_SYSTEM = "urn:medgo:model-bundle-sha256";

    private ModelDevice() {}

    public static Device of(ModelIdentity model) {
        Device device = new Device();
        device.setId("medgo-model-" + model.bundleSha256().substring(0, 16));
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.addIdentifier().setSystem(BUNDLE_HASH_SYSTEM).setValue(model.bundleSha256());
        device.addDeviceName().setName(model.name()).setType(Device.DeviceNameType.MANUFACTURERNAME);
        device.addVersion().setValue(model.version());
        device.getType().setText("Large language model (Qwen3-32B medical fine-tune, ONNX)");
        device.setManufacturer("MedGo");
        if (model.demo()) {
            device.addNote().setText("Demo model with random weights: its text is meaningless.");
        }
        return device;
    }
}

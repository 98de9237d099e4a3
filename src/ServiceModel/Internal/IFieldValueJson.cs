namespace ServiceModel.Internal;

// A value from a folder above Internal that prints itself, as Go's encoding/json would marshal the
// upstream type, when it is the bad value of a field error (see FieldValueText). It lets the printer
// render those values without knowing their types, so no arrow points up from Internal.
internal interface IFieldValueJson
{
    string ToFieldValueJson();
}

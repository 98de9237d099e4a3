namespace ServiceModel.Validation;

// A value type from a folder above this one that prints itself into a field error as Go would
// marshal it, so the printer here needs no knowledge of those types (arrows point down).
internal interface IFieldValueJson
{
    string ToFieldValueJson();
}

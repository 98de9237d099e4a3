using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests;

/// <summary>
/// The null rule of docs/architecture.md, checked on every public record of the core by reflection:
/// a non-nullable reference member refuses null (<see cref="ArgumentNullException"/> naming it) or
/// reads it as its documented empty value, and a collection member refuses a null item or value
/// (<see cref="ArgumentException"/> naming it and the index or key). A member added without the
/// check fails here.
/// </summary>
public class NullMemberTests
{
    private static readonly NullabilityInfoContext s_nullability = new();

    private static IEnumerable<Type> Records()
        => typeof(Service).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null))
            .Where(t => !t.Namespace!.EndsWith(".Serialization", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<(Type Type, PropertyInfo Property)> InitMembers()
        => Records().SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => (t, p)));

    [Fact]
    public void The_enumeration_sees_the_model()
    {
        var members = InitMembers().Select(m => m.Type.Name + "." + m.Property.Name).ToHashSet();
        Assert.Contains("Service.Spec", members);
        Assert.Contains("ServiceSpec.Ports", members);
        Assert.Contains("Pod.Conditions", members);
        Assert.Contains("EndpointSlice.Endpoints", members);
        Assert.Contains("ValidationError.Field", members);
        Assert.Contains("TrafficCandidate.Address", members);
    }

    [Fact]
    public void Every_non_nullable_reference_member_refuses_null()
    {
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var (type, property) in InitMembers())
        {
            if (property.PropertyType.IsValueType || s_nullability.Create(property).WriteState != NullabilityState.NotNull)
            {
                continue;
            }

            checkedCount++;
            var name = type.Name + "." + property.Name;
            var target = RuntimeHelpers.GetUninitializedObject(type);
            var error = Set(target, property, null);
            if (error is null)
            {
                if (property.GetValue(target) is null)
                {
                    wrong.Add(name + " accepts null");
                }
            }
            else if (error is not ArgumentNullException { ParamName: var param } || param != property.Name)
            {
                wrong.Add($"{name} throws {error.GetType().Name} ({(error as ArgumentException)?.ParamName}): {error.Message}");
            }
        }

        Assert.True(checkedCount > 40, "too few members checked: " + checkedCount);
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_collection_member_refuses_a_null_item()
    {
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var (type, property) in InitMembers())
        {
            var collection = CollectionWithNull(property);
            if (collection is null)
            {
                continue;
            }

            checkedCount++;
            var name = type.Name + "." + property.Name;
            var error = Set(RuntimeHelpers.GetUninitializedObject(type), property, collection.Value.Value);
            if (error is not ArgumentException { ParamName: var param } || error is ArgumentNullException || param != property.Name
                || !error.Message.StartsWith(property.Name + collection.Value.Where + " is null", StringComparison.Ordinal))
            {
                wrong.Add($"{name}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
            }
        }

        Assert.True(checkedCount > 30, "too few members checked: " + checkedCount);
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_record_constructor_refuses_null_arguments()
    {
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var type in Records())
        {
            foreach (var constructor in type.GetConstructors())
            {
                var parameters = constructor.GetParameters();
                if (parameters.Length == 1 && parameters[0].ParameterType == type)
                {
                    continue;
                }

                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = parameters[i];
                    object? bad;
                    bool expectNullException;
                    if (!parameter.ParameterType.IsValueType && !parameter.ParameterType.IsGenericType
                        && s_nullability.Create(parameter).WriteState == NullabilityState.NotNull)
                    {
                        (bad, expectNullException) = (null, true);
                    }
                    else if (CollectionWithNull(parameter.ParameterType, s_nullability.Create(parameter)) is { } collection)
                    {
                        (bad, expectNullException) = (collection.Value, false);
                    }
                    else
                    {
                        continue;
                    }

                    checkedCount++;
                    var arguments = parameters.Select(Sample).ToArray();
                    arguments[i] = bad;
                    var name = $"new {type.Name}({parameter.Name}: {(bad is null ? "null" : "[null]")})";
                    Exception? error = null;
                    try
                    {
                        constructor.Invoke(arguments);
                    }
                    catch (TargetInvocationException e)
                    {
                        error = e.InnerException;
                    }

                    if (error is not ArgumentException { ParamName: var param }
                        || !string.Equals(param, parameter.Name, StringComparison.OrdinalIgnoreCase)
                        || (expectNullException && error is not ArgumentNullException))
                    {
                        wrong.Add($"{name}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
                    }
                }
            }
        }

        Assert.True(checkedCount >= 10, "too few parameters checked: " + checkedCount);
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    // A valid-looking argument for a parameter, so that only the argument under test is wrong.
    private static object? Sample(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (type == typeof(string))
        {
            return "a";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>))
        {
            return type.GetField("Empty")!.GetValue(null);
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    [Fact]
    public void The_index_of_the_null_item_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceSpec { Ports = [new ServicePort { Port = 80 }, new ServicePort { Port = 81 }, null!] });
        Assert.Equal("Ports", error.ParamName);
        Assert.StartsWith("Ports[2] is null", error.Message, StringComparison.Ordinal);

        var labels = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("tier", null!);
        error = Assert.Throws<ArgumentException>(() => new Pod("default", "a") { Labels = labels });
        Assert.StartsWith("Labels[\"tier\"] is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_cannot_put_null_into_a_model()
    {
        var service = new Service { Name = "web" };
        Assert.Equal("Spec", Assert.Throws<ArgumentNullException>(() => service with { Spec = null! }).ParamName);
        Assert.Equal("Name", Assert.Throws<ArgumentNullException>(() => service with { Name = null! }).ParamName);
        Assert.Equal("Service", Assert.Throws<ArgumentNullException>(() => new ServiceAllocation { Service = null! }).ParamName);
        var pod = new Pod("default", "a");
        Assert.Equal("Conditions", Assert.Throws<ArgumentException>(() => pod with { Conditions = [null!] }).ParamName);
        Assert.Equal("ContainerPorts", Assert.Throws<ArgumentException>(() => pod with { ContainerPorts = [null!] }).ParamName);
        Assert.Equal("addresses", Assert.Throws<ArgumentException>(() => new Endpoint(["10.0.0.1", null!])).ParamName);
        Assert.Equal("Endpoints", Assert.Throws<ArgumentException>(() => new EndpointSlice("default", "s", AddressType.IPv4) { Endpoints = [null!] }).ParamName);
    }

    [Fact]
    public void Constructors_refuse_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new Pod(null!, "a"));
        Assert.Throws<ArgumentNullException>(() => new Endpoints("default", null!));
        Assert.Throws<ArgumentNullException>(() => new EndpointSlice(null!, "s", AddressType.IPv4));
        Assert.Throws<ArgumentNullException>(() => new LabelSelectorRequirement(null!, SelectorOperator.Exists, []));
        Assert.Throws<ArgumentNullException>(() => new LabelSelectorRequirement("app", SelectorOperator.In, ["a", null!]));
        Assert.Throws<ArgumentException>(() => new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty.Add("app", null!), []));
        Assert.Throws<ArgumentException>(() => new LabelSelectorSpec(null!, [null!]));
        Assert.Throws<ArgumentNullException>(() => new ServiceProxyPath(null!, "web"));
    }

    private static Exception? Set(object target, PropertyInfo property, object? value)
    {
        try
        {
            property.SetValue(target, value);
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
    }

    // An ImmutableArray of a non-nullable reference type holding one null item, or an
    // ImmutableDictionary with string keys and non-nullable reference values holding one null
    // value; null for any other member.
    private static (object Value, string Where)? CollectionWithNull(PropertyInfo property)
        => CollectionWithNull(property.PropertyType, s_nullability.Create(property));

    private static (object Value, string Where)? CollectionWithNull(Type type, NullabilityInfo nullability)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(ImmutableArray<>) && !arguments[0].IsValueType
            && nullability.GenericTypeArguments[0].ReadState == NullabilityState.NotNull)
        {
            var create = typeof(NullMemberTests).GetMethod(nameof(ArrayWithNull), BindingFlags.NonPublic | BindingFlags.Static)!;
            return (create.MakeGenericMethod(arguments[0]).Invoke(null, null)!, "[0]");
        }

        if (definition == typeof(ImmutableDictionary<,>) && arguments[0] == typeof(string) && !arguments[1].IsValueType
            && nullability.GenericTypeArguments[1].ReadState == NullabilityState.NotNull)
        {
            var create = typeof(NullMemberTests).GetMethod(nameof(DictionaryWithNull), BindingFlags.NonPublic | BindingFlags.Static)!;
            return (create.MakeGenericMethod(arguments[1]).Invoke(null, null)!, "[\"k\"]");
        }

        return null;
    }

    private static ImmutableArray<T> ArrayWithNull<T>() where T : class => [null!];

    private static ImmutableDictionary<string, T> DictionaryWithNull<T>() where T : class
        => ImmutableDictionary<string, T>.Empty.Add("k", null!);
}

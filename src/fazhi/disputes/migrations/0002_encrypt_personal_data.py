"""ID numbers and phone numbers encrypted at rest (issue 20, item 6): a digest column
beside each for exact lookups; existing rows are encrypted (backward: decrypted)."""

import fazhi.core.cryptofield
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="backlogperson",
            name="id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="id_number"),
        ),
        migrations.AddField(
            model_name="backlogperson",
            name="phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="phone"),
        ),
        migrations.AddField(
            model_name="disputeparty",
            name="id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="id_number"),
        ),
        migrations.AddField(
            model_name="disputeparty",
            name="phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="phone"),
        ),
        migrations.AddField(
            model_name="inspectionitem",
            name="petitioner_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="petitioner_id_number"),
        ),
        migrations.AddField(
            model_name="petitionperson",
            name="id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="id_number"),
        ),
        migrations.AddField(
            model_name="petitionperson",
            name="phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="phone"),
        ),
        migrations.AddField(
            model_name="reconsideration",
            name="applicant_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_id_number"),
        ),
        migrations.AddField(
            model_name="reconsideration",
            name="applicant_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_phone"),
        ),
        migrations.AddField(
            model_name="respondentcase",
            name="counterpart_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="counterpart_id_number"),
        ),
        migrations.AlterField(
            model_name="backlogperson",
            name="id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="backlogperson",
            name="phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.AlterField(
            model_name="disputeparty",
            name="id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="disputeparty",
            name="phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.AlterField(
            model_name="inspectionitem",
            name="petitioner_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="petitionperson",
            name="id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="petitionperson",
            name="phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.AlterField(
            model_name="reconsideration",
            name="applicant_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="reconsideration",
            name="applicant_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.AlterField(
            model_name="respondentcase",
            name="counterpart_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        fazhi.core.cryptofield.encrypt_existing(
            {
                "disputes.BacklogPerson": ["id_number", "phone"],
                "disputes.DisputeParty": ["id_number", "phone"],
                "disputes.PetitionPerson": ["id_number", "phone"],
                "disputes.InspectionItem": ["petitioner_id_number"],
                "disputes.Reconsideration": ["applicant_id_number", "applicant_phone"],
                "disputes.RespondentCase": ["counterpart_id_number"],
            }
        ),
    ]
